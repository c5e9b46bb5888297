namespace Repro.Metrics;

/// <summary>How a metric prints: as the paper prints it.</summary>
public enum MetricFormat
{
    /// <summary>0.00 (RFR, cosine similarity).</summary>
    Ratio,
    /// <summary>91.0 (a percentage stored as 0..100).</summary>
    Percent,
    /// <summary>13.7 (query counts).</summary>
    Count,
    /// <summary>✓ / ✗ (1 / 0), e.g. Table V's applicability of a strategy.</summary>
    Check,
}
