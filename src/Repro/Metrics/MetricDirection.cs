namespace Repro.Metrics;

/// <summary>Which way a metric moves when the server becomes easier to attack (STYLE.md P5).</summary>
public enum MetricDirection
{
    /// <summary>RFR, fooling rate, similarity: larger means the sibling helps the attacker more.</summary>
    HigherIsMoreVulnerable,
    /// <summary>Queries needed: fewer means the attack is cheaper.</summary>
    LowerIsMoreVulnerable,
    /// <summary>Accuracy and other descriptive columns.</summary>
    Neutral,
}
