using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// A server that answers with its top-1 label only, as Google's AutoML Vision does in the paper's Table II (§IV-C:
/// "a user only has query access to the cloud model, i.e., the predicted class is only visible"). As with
/// <see cref="IQueryOracle"/>, every image is tagged with its attacked sample and the oracle keeps the counts.
/// </summary>
public interface ILabelQueryOracle
{
    /// <summary>Number of attacked samples the counters track (tags run from 0 to SampleCount - 1).</summary>
    int SampleCount { get; }

    /// <summary>Charged queries allowed per sample.</summary>
    long QueryBudget { get; }

    /// <summary>Every image evaluated for each sample, the clean-image evaluation included.</summary>
    IReadOnlyList<long> ImagesSent { get; }

    /// <summary>The queries charged to each sample: what "# Queries" counts.</summary>
    IReadOnlyList<long> QueriesCharged { get; }

    /// <summary>
    /// Top-1 labels of each sample's clean image: once per sample, before any other query; charged only when the oracle
    /// was told to (the score oracle's rule, PAPER-NOTES §3.9).
    /// </summary>
    long[] LabelsOfClean(Tensor images, IReadOnlyList<int> samples);

    /// <summary>
    /// Top-1 labels of n [0, 1] images, image i charged to sample <paramref name="samples"/>[i]. Throws
    /// <see cref="QueryBudgetExceededException"/>, evaluating and counting nothing, when the call would push any sample
    /// past <see cref="QueryBudget"/>.
    /// </summary>
    long[] Labels(Tensor images, IReadOnlyList<int> samples);
}
