namespace Repro.Metrics;

/// <summary>
/// One similarity metric of Appendix D between a server and an on-device model: the mean cosine over
/// <see cref="Samples"/> samples, or, where the two models' vectors cannot be compared (penultimate
/// activations of different widths, Appendix E), no number and the reason.
/// </summary>
public sealed record SimilarityMeasurement(string Metric, double? Mean, int Samples, string? NotComparableReason)
{
    public bool Comparable => Mean is not null;

    public static SimilarityMeasurement NotComparable(string metric, int samples, string reason) => new(metric, null, samples, reason);
}
