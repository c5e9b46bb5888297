using Repro.Metrics;

namespace Repro.Harness.Evaluation;

/// <summary>Appendix D's similarities of one (on-device, server) pair over the similarity samples.</summary>
public sealed record SimilarityOutcome(IReadOnlyList<SimilarityMeasurement> Measurements, double Seconds)
{
    public SimilarityMeasurement Get(Metric metric) =>
        Measurements.FirstOrDefault(m => m.Metric == metric.Key)
        ?? throw new KeyNotFoundException($"no similarity '{metric}' was measured (have: {string.Join(", ", Measurements.Select(m => m.Metric))})");
}
