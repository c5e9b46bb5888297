using Repro.Attacks;
using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Audit;

/// <summary>
/// The server S as an audit reaches it: top-1 labels for accuracy, a counting score oracle for P-RGF (or none, for a
/// server that answers labels only), and its network itself when the auditor holds it (white-box: RFR's
/// denominator and the similarities need it). A local file gives all three; a remote endpoint gives the oracles only.
/// </summary>
public interface IAuditServer
{
    /// <summary>Name for tables ("mini-server", "http://host/v2/models/m").</summary>
    string Name { get; }

    /// <summary>What the server is, for checkpoint keys (a file's content hash, an endpoint and model version).</summary>
    string Identity { get; }

    int Classes { get; }

    /// <summary>The network itself, or null when the auditor only queries it.</summary>
    Classifier? WhiteBox { get; }

    /// <summary>Why the server cannot be attacked white-box (null when <see cref="WhiteBox"/> is set).</summary>
    string? WhiteBoxUnavailable { get; }

    /// <summary>Why P-RGF cannot run against it (a label-only server), or null.</summary>
    string? ScoresUnavailable { get; }

    /// <summary>Top-1 labels [N] of [0, 1] images (accuracy and agreement; not charged to any attack).</summary>
    Tensor Predict(Tensor images);

    /// <summary>A fresh counting, budget-enforcing score oracle over <paramref name="samples"/> attacked samples.</summary>
    IQueryOracle ScoreOracle(int samples, QueryAttackSettings settings);
}
