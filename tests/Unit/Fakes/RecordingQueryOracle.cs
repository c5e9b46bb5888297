using Repro.Attacks;
using static TorchSharp.torch;

namespace Repro.Unit.Fakes;

/// <summary>Passes every call to an inner oracle and records who asked for how many images, so tests can read the call pattern.</summary>
public sealed class RecordingQueryOracle : IQueryOracle
{
    readonly IQueryOracle inner;

    public RecordingQueryOracle(IQueryOracle inner) => this.inner = inner;

    public List<(bool Clean, int[] Samples)> Calls { get; } = new();

    public int SampleCount => inner.SampleCount;
    public long QueryBudget => inner.QueryBudget;
    public IReadOnlyList<long> ImagesSent => inner.ImagesSent;
    public IReadOnlyList<long> QueriesCharged => inner.QueriesCharged;

    public Tensor ScoresOfClean(Tensor images, IReadOnlyList<int> samples)
    {
        Calls.Add((true, samples.ToArray()));
        return inner.ScoresOfClean(images, samples);
    }

    public Tensor Scores(Tensor images, IReadOnlyList<int> samples)
    {
        Calls.Add((false, samples.ToArray()));
        return inner.Scores(images, samples);
    }

    /// <summary>Images per non-clean call that included <paramref name="sample"/>, in order.</summary>
    public int[] CallSizesFor(int sample) =>
        Calls.Where(c => !c.Clean && c.Samples.Contains(sample)).Select(c => c.Samples.Count(s => s == sample)).ToArray();
}
