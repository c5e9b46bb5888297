using Repro.Metrics;
using Repro.Reporting;

namespace Repro.Paper;

/// <summary>The measured columns the paper's tables share, with their keys, headers and directions.</summary>
public static class Columns
{
    public static MetricColumn Accuracy { get; } = MetricColumn.Of(Metric.Accuracy);
    public static MetricColumn RfrFgsm { get; } = MetricColumn.Of(Metric.RfrFgsm);
    public static MetricColumn RfrPgd { get; } = MetricColumn.Of(Metric.RfrPgd10);
    public static MetricColumn Queries { get; } = MetricColumn.Of(Metric.Queries);
    public static MetricColumn FoolingRate { get; } = MetricColumn.Of(Metric.FoolingRate);
    public static MetricColumn Sparsity { get; } = MetricColumn.Of(Metric.Sparsity);

    /// <summary>Table I's measured columns: on-device accuracy, RFR of FGSM and PGD-10, P-RGF queries and fooling rate.</summary>
    public static IReadOnlyList<MetricColumn> Vulnerability { get; } = new[] { Accuracy, RfrFgsm, RfrPgd, Queries, FoolingRate };
}
