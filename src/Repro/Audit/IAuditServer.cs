using Repro.Attacks;
using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Audit;

/// <summary>
/// The server S as an audit reaches it: top-1 labels for accuracy, a counting oracle for the query attacks (scores for
/// P-RGF, or labels only for RayS when the server answers nothing else), and its network itself when the auditor holds
/// it (white-box: RFR's denominator and the similarities need it). A local file gives all three; a remote endpoint
/// gives the oracles only.
/// </summary>
public interface IAuditServer
{
    /// <summary>Name for tables ("mini-server", "mini-server at http://host:8000/").</summary>
    string Name { get; }

    /// <summary>What the server is, for checkpoint keys (a file's content hash, an endpoint and its model metadata).</summary>
    string Identity { get; }

    int Classes { get; }

    /// <summary>The network itself, or null when the auditor only queries it.</summary>
    Classifier? WhiteBox { get; }

    /// <summary>Why the server cannot be attacked white-box (null when <see cref="WhiteBox"/> is set).</summary>
    string? WhiteBoxUnavailable { get; }

    /// <summary>Why the server gives no scores (a label-only server): the audit then runs the label-only attack (RayS) instead of P-RGF. Null: scores.</summary>
    string? ScoresUnavailable { get; }

    /// <summary>Top-1 labels [N] of [0, 1] images (accuracy, agreement and transfer; charged to no attack's budget).</summary>
    Tensor Predict(Tensor images);

    /// <summary>
    /// A fresh counting, budget-enforcing score oracle over <paramref name="samples"/> attacked samples. <paramref name="run"/>
    /// names this attack, the same in every rerun of the audit (a remote server journals its queries under it).
    /// </summary>
    IQueryOracle ScoreOracle(int samples, QueryAttackSettings settings, string run);

    /// <summary>The same, for the label-only attack: top-1 labels, the same counting and budget.</summary>
    ILabelQueryOracle LabelOracle(int samples, QueryAttackSettings settings, string run);

    /// <summary>What went to the server and back (a remote server), or null (a local one: no network).</summary>
    ServerTraffic? Traffic { get; }
}
