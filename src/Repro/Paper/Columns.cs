using Repro.Metrics;
using Repro.Reporting;

namespace Repro.Paper;

/// <summary>The measured columns the paper's tables share, with their keys, headers and directions.</summary>
public static class Columns
{
    public static MetricColumn Accuracy { get; } = new("accuracy", "Acc. (%)", MetricDirection.Neutral, MetricFormat.Percent);
    public static MetricColumn RfrFgsm { get; } = new("rfr_fgsm", "FGSM", MetricDirection.HigherIsMoreVulnerable, MetricFormat.Ratio);
    public static MetricColumn RfrPgd { get; } = new("rfr_pgd10", "PGD-10", MetricDirection.HigherIsMoreVulnerable, MetricFormat.Ratio);
    public static MetricColumn Queries { get; } = new("queries", "# Queries", MetricDirection.LowerIsMoreVulnerable, MetricFormat.Count);
    public static MetricColumn FoolingRate { get; } = new("fooling_rate", "FR (%)", MetricDirection.HigherIsMoreVulnerable, MetricFormat.Percent);
    public static MetricColumn Sparsity { get; } = new("sparsity", "Sparsity", MetricDirection.Neutral, MetricFormat.Ratio);

    /// <summary>Table I's measured columns: on-device accuracy, RFR of FGSM and PGD-10, P-RGF queries and fooling rate.</summary>
    public static IReadOnlyList<MetricColumn> Vulnerability { get; } = new[] { Accuracy, RfrFgsm, RfrPgd, Queries, FoolingRate };
}
