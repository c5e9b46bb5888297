using System.Globalization;
using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>How measured numbers print in diffs, verdicts and the report: as the paper prints that kind of number.</summary>
public static class MetricText
{
    public static string Format(double value, MetricFormat format) => format switch
    {
        MetricFormat.Ratio => value.ToString("0.00", CultureInfo.InvariantCulture),
        MetricFormat.Percent => value.ToString("0.0", CultureInfo.InvariantCulture),
        MetricFormat.Count => value.ToString("0.0", CultureInfo.InvariantCulture),
        MetricFormat.Check => value >= 0.5 ? "✓" : "✗",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string Format(double value, string metric) => Format(value, Metric.FormatOf(metric));

    /// <summary>A signed difference: "+0.03", "−12.4".</summary>
    public static string Delta(double delta, MetricFormat format)
    {
        if (format == MetricFormat.Check) return delta == 0 ? "=" : "≠";
        string magnitude = Format(Math.Abs(delta), format);
        if (magnitude.Trim('0', '.').Length == 0) return "±" + magnitude;
        return (delta < 0 ? "−" : "+") + magnitude;
    }

    /// <summary>"0.88 ± 0.02 (n = 5)".</summary>
    public static string MeanStd(MetricValue value, MetricFormat format) =>
        format == MetricFormat.Check
            ? $"{Format(value.Mean, format)} (n = {value.N})"
            : $"{Format(value.Mean, format)} ± {Format(value.Std, format)} (n = {value.N})";

    /// <summary>
    /// A value with the uncertainty its verdicts use: "0.85 ± 0.04 (1 seed; σ of one seed over 5)" where a one-seed
    /// value carries its profile's measured spread, else <see cref="MeanStd"/> (the paper's mean ± std over seeds).
    /// </summary>
    public static string WithUncertainty(MetricValue value, MetricFormat format) =>
        format != MetricFormat.Check && value.Uncertainty is { } u && value.UncertaintySeeds is { } seeds
            ? $"{Format(value.Mean, format)} ± {Format(u, format)} ({(value.N == 1 ? "1 seed" : $"n = {value.N}")}; σ of one seed over {seeds})"
            : MeanStd(value, format);

    /// <summary>"64.4 ± 1.3" for a table cell: the value with the uncertainty its verdicts use, or its std over seeds; the table's note says which.</summary>
    public static string Cell(MetricValue value, MetricFormat format) =>
        format == MetricFormat.Check ? Format(value.Mean, format)
        : value.Uncertainty is { } u ? $"{Format(value.Mean, format)} ± {Format(u, format)}"
        : value.N > 1 ? $"{Format(value.Mean, format)} ± {Format(value.Std, format)}"
        : Format(value.Mean, format);

    /// <summary>Ten decimals at most: band edges computed from printed decimals without binary noise (0.92, not 0.9199999999999999).</summary>
    public static string Compact(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>Full precision, for diffs where rounding would hide the change.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
