using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// A local classifier as a label-only black box (<see cref="ILabelQueryOracle"/>): top-1 labels, counted per sample,
/// under a strict budget; with <paramref name="roundToEightBits"/>, every image is rounded to 8-bit first (Table II,
/// §IV-C). The remote oracle over HTTP counts the same way; this one needs no server.
/// </summary>
public sealed class CountingLabelQueryOracle : ILabelQueryOracle
{
    readonly Classifier server;
    readonly QueryCounters counters;
    readonly bool chargeClean;
    readonly bool roundToEightBits;
    readonly int batchSize;

    public CountingLabelQueryOracle(Classifier server, int sampleCount, long budget, bool roundToEightBits, bool chargeClean = false, int batchSize = 2000)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be >= 1");
        this.server = server;
        counters = new QueryCounters(sampleCount, budget);
        this.chargeClean = chargeClean;
        this.roundToEightBits = roundToEightBits;
        this.batchSize = batchSize;
    }

    public int SampleCount => counters.SampleCount;
    public long QueryBudget => counters.Budget;
    public IReadOnlyList<long> ImagesSent => counters.ImagesSent;
    public IReadOnlyList<long> QueriesCharged => counters.QueriesCharged;

    public long[] LabelsOfClean(Tensor images, IReadOnlyList<int> samples)
    {
        var perSample = counters.Tally(images, samples);
        return Answer(images, perSample, counters.CleanCharges(perSample, chargeClean));
    }

    public long[] Labels(Tensor images, IReadOnlyList<int> samples)
    {
        var perSample = counters.Tally(images, samples);
        return Answer(images, perSample, perSample);
    }

    long[] Answer(Tensor images, Dictionary<int, long> perSample, Dictionary<int, long> charges)
    {
        counters.RequireAffordable(charges);
        using var mode = EvaluationModeScope.Enter(server);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var labels = new List<long>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            var chunk = images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start));
            var logits = server.forward(roundToEightBits ? EightBitPixels.Round(chunk) : chunk);
            FiniteOutputs.Require(logits, server, "as the label oracle");
            labels.AddRange(logits.argmax(1).cpu().data<long>().ToArray());
        }
        counters.Record(perSample, charges);
        return labels.ToArray();
    }
}
