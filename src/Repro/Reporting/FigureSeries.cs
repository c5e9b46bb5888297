using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>One curve (or scatter) of a paper figure redrawn from measured data, e.g. Figure 1's "RFR (FGSM) vs epochs".</summary>
public sealed record FigureSeries(string Figure, string Panel, string Series, string XLabel, string YLabel, IReadOnlyList<FigurePoint> Points);

/// <summary>A point; <see cref="Label"/> names it in a scatter (e.g. "Quantization").</summary>
public sealed record FigurePoint(double X, MetricValue Y, string? Label = null);
