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
    IReadOnlyDictionary<string, string>? Details = null)
{
    /// <summary>
    /// Set when the row was measured but its effect is not expected to show at this profile's scale
    /// (DESIGN.md §5): the report prints the values with the verdict "not at this scale" and this reason,
    /// never a silent pass.
    /// </summary>
    public string? NotAtThisScaleReason { get; init; }

    /// <summary>Key in <see cref="Details"/> naming the recipe hash / artifact key the row was measured with.</summary>
    public const string ArtifactDetail = "artifact";

    /// <summary>Key in <see cref="Details"/> saying which of its columns a measured row leaves out, and why.</summary>
    public const string NotMeasuredDetail = "not_measured";
}
