using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// The per-sample bookkeeping of an oracle: images sent and queries charged, the strict budget (a call that would push
/// any sample past it is refused before anything is evaluated or counted) and the once-only clean image. Shared by
/// the label oracles and the remote oracle, so every oracle counts alike (DESIGN.md §2: counts are the oracle's).
/// </summary>
public sealed class QueryCounters
{
    readonly long[] sent;
    readonly long[] charged;
    readonly object gate = new();

    public QueryCounters(int sampleCount, long budget)
    {
        if (sampleCount < 0) throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount, "must be >= 0");
        if (budget < 0) throw new ArgumentOutOfRangeException(nameof(budget), budget, "the query budget must be >= 0");
        sent = new long[sampleCount];
        charged = new long[sampleCount];
        Budget = budget;
    }

    public int SampleCount => sent.Length;
    public long Budget { get; }
    public IReadOnlyList<long> ImagesSent => Array.AsReadOnly(sent);
    public IReadOnlyList<long> QueriesCharged => Array.AsReadOnly(charged);

    /// <summary>A call's images per sample; checks the shape and the tags.</summary>
    public Dictionary<int, long> Tally(Tensor images, IReadOnlyList<int> samples)
    {
        if (images.dim() != 4 || images.shape[0] != samples.Count)
            throw new ArgumentException($"the oracle takes [n, C, H, W] images and n sample tags, got [{string.Join(", ", images.shape)}] and {samples.Count} tags");
        var perSample = new Dictionary<int, long>();
        foreach (int sample in samples)
        {
            if (sample < 0 || sample >= SampleCount)
                throw new ArgumentOutOfRangeException(nameof(samples), sample, $"sample tags run from 0 to {SampleCount - 1}");
            perSample[sample] = perSample.GetValueOrDefault(sample) + 1;
        }
        return perSample;
    }

    /// <summary>The charges of a clean-image call: each sample once, as its first image; 1 or 0 queries each.</summary>
    public Dictionary<int, long> CleanCharges(Dictionary<int, long> perSample, bool chargeClean)
    {
        lock (gate)
        {
            foreach (var (sample, count) in perSample)
                if (count > 1 || sent[sample] > 0)
                    throw new InvalidOperationException(
                        $"sample {sample}: the clean image is evaluated once, as the sample's first query ({sent[sample]} images already sent, {count} in this call)");
        }
        return perSample.ToDictionary(p => p.Key, _ => chargeClean ? 1L : 0L);
    }

    /// <summary>Refuses (throws <see cref="QueryBudgetExceededException"/>) a call that any sample cannot pay; counts nothing.</summary>
    public void RequireAffordable(Dictionary<int, long> charges)
    {
        lock (gate)
            foreach (var (sample, cost) in charges)
                if (charged[sample] + cost > Budget)
                    throw new QueryBudgetExceededException(sample, charged[sample], cost, Budget);
    }

    /// <summary>Counts an answered call.</summary>
    public void Record(Dictionary<int, long> imagesPerSample, Dictionary<int, long> charges)
    {
        lock (gate)
        {
            foreach (var (sample, count) in imagesPerSample) sent[sample] += count;
            foreach (var (sample, cost) in charges) charged[sample] += cost;
        }
    }
}
