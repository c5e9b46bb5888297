namespace Repro.Reporting.Plots;

/// <summary>A plotted point; <see cref="YError"/> draws an error bar (± std), <see cref="Label"/> names it in a scatter.</summary>
public sealed record ChartPoint(double X, double Y, double? YError = null, string? Label = null);

/// <summary>One named line or set of scatter points; <see cref="PaperOf"/> names the measured series whose paper values these are (drawn hollow and dashed in its colour).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, string? PaperOf = null);
