using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>One measured column of a table: its key in results and baselines, the paper's header, direction and print format.</summary>
public sealed record MetricColumn(string Key, string Header, MetricDirection Direction, MetricFormat Format)
{
    /// <summary>The column of <paramref name="metric"/>, under the paper's <paramref name="header"/> (default: the metric's label).</summary>
    public static MetricColumn Of(Metric metric, string? header = null) => new(metric.Key, header ?? metric.Label, metric.Direction, metric.Format);
}
