namespace Repro.Reporting;

/// <summary>How the report redraws a paper figure from the measured <see cref="FigureSeries"/>.</summary>
public enum ChartStyle
{
    /// <summary>A table: no figure.</summary>
    None,
    /// <summary>Lines over an ordered x (Figure 1: vulnerability vs epochs, vs architectural difference).</summary>
    Line,
    /// <summary>Labelled points with a least-squares line and Pearson r (Figure 2).</summary>
    Scatter,
}

/// <summary>
/// How one paper table or figure is printed: its experiment name (the one name shared by experiment,
/// claims fixture, baseline CSV, snapshot and report section), the paper's caption, the headers of its
/// descriptive columns and of its metric columns in the paper's order. <see cref="NotMeasurableReason"/>: why it cannot be
/// measured offline at all; <see cref="LocalStandIn"/>: what replaces, in Repro's measurement, something of the paper's that
/// cannot be had offline (the report prints it above the table).
/// Row labels and groups in the baseline CSV hold their descriptive cells separated by
/// <see cref="CellSeparator"/>, one per header in <see cref="LabelHeaders"/> / <see cref="GroupHeaders"/>.
/// </summary>
public sealed record PaperTable(
    string Experiment,
    string PaperReference,
    string Title,
    IReadOnlyList<string> GroupHeaders,
    IReadOnlyList<string> LabelHeaders,
    IReadOnlyList<MetricColumn> Columns,
    ChartStyle Chart = ChartStyle.None,
    string? NotMeasurableReason = null,
    string? LocalStandIn = null)
{
    public const string CellSeparator = " | ";

    /// <summary>Splits a group or label into its descriptive cells ("Quantization | ResNet50 (✗) | ✗").</summary>
    public static IReadOnlyList<string> Cells(string text) =>
        text.Length == 0 ? Array.Empty<string>() : text.Split(CellSeparator);

    public MetricColumn? Column(string metric) => Columns.FirstOrDefault(c => c.Key == metric);
}
