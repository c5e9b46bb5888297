using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>One curve (or scatter) of a paper figure redrawn from measured data, e.g. Figure 1's "RFR (FGSM) vs epochs".</summary>
/// <param name="Metric">The metric the points are, so the report can draw the paper's values of it beside them (null: none).</param>
/// <param name="PaperRowX">The x of each paper-table row this series compares with (measured or not at this profile), so the
/// paper's printed values become a series of their own; null when the paper prints no points for it.</param>
/// <param name="NotMeasured">Why the series has no points at this profile, and how to measure it (null: it has points).</param>
public sealed record FigureSeries(string Figure, string Panel, string Series, string XLabel, string YLabel, IReadOnlyList<FigurePoint> Points,
    string? Metric = null, IReadOnlyDictionary<string, double>? PaperRowX = null, string? NotMeasured = null);

/// <summary>A point; <see cref="Label"/> names it in a scatter (e.g. "Quantization").</summary>
public sealed record FigurePoint(double X, MetricValue Y, string? Label = null);
