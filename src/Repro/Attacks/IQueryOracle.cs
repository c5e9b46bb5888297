using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// The server f_s as the query attacker sees it (§IV-A threat model): a black box that returns softmax
/// scores. Every image is tagged with the attacked sample it belongs to, and the oracle, not the attack,
/// keeps the per-sample counts that the paper's "# Queries" reports (DESIGN.md §2; PAPER-NOTES §3.11).
/// </summary>
public interface IQueryOracle
{
    /// <summary>Number of attacked samples the counters track (tags run from 0 to SampleCount - 1).</summary>
    int SampleCount { get; }

    /// <summary>Charged queries allowed per sample (the paper: 4000).</summary>
    long QueryBudget { get; }

    /// <summary>Every image evaluated for each sample, the uncharged clean-image evaluation included.</summary>
    IReadOnlyList<long> ImagesSent { get; }

    /// <summary>The queries charged to each sample: what "# Queries" counts.</summary>
    IReadOnlyList<long> QueriesCharged { get; }

    /// <summary>
    /// Softmax scores [n, classes] of each sample's clean image: once per sample, before any other query.
    /// Charged only when the settings say so (the reference does not count it; PAPER-NOTES §3.9).
    /// </summary>
    Tensor ScoresOfClean(Tensor images, IReadOnlyList<int> samples);

    /// <summary>
    /// Softmax scores [n, classes] of n images, image i charged to sample <paramref name="samples"/>[i].
    /// Throws <see cref="QueryBudgetExceededException"/>, evaluating and counting nothing, when the call
    /// would push any sample past <see cref="QueryBudget"/>.
    /// </summary>
    Tensor Scores(Tensor images, IReadOnlyList<int> samples);
}
