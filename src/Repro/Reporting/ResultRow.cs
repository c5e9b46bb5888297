using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>
/// One row of a measured table. <see cref="Id"/> is stable ("cifar10/quantization") and joins the
/// row to the paper's baseline and to the verified snapshot; <see cref="Label"/> is what the paper prints.
/// A row that was not measured carries the reason instead of metrics.
/// </summary>
public sealed record ResultRow(
    string Id,
    string Group,
    string Label,
    IReadOnlyDictionary<string, MetricValue> Metrics,
    string? NotMeasuredReason = null,
    IReadOnlyDictionary<string, string>? Details = null);
