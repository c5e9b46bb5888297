using System.Globalization;

namespace Repro.Reporting.Plots;

/// <summary>
/// A linear axis with "nice" ticks (steps of 1, 2 or 5 times a power of ten) covering the data, and
/// the mapping from data to pixels.
/// </summary>
public sealed record AxisScale(double Min, double Max, double Step)
{
    public static AxisScale Nice(double dataMin, double dataMax, int maxTicks = 6)
    {
        if (!double.IsFinite(dataMin) || !double.IsFinite(dataMax)) { dataMin = 0; dataMax = 1; }
        if (dataMax < dataMin) (dataMin, dataMax) = (dataMax, dataMin);
        if (dataMax - dataMin < 1e-12)
        {
            // A flat series still needs an axis: pad it symmetrically by 10% (or 1 around zero).
            double pad = Math.Abs(dataMin) > 1e-12 ? Math.Abs(dataMin) * 0.1 : 1;
            dataMin -= pad;
            dataMax += pad;
        }
        double rough = (dataMax - dataMin) / Math.Max(1, maxTicks - 1);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / magnitude;
        double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
        double min = Math.Floor(dataMin / step) * step;
        double max = Math.Ceiling(dataMax / step) * step;
        return new AxisScale(min, max, step);
    }

    public IReadOnlyList<double> Ticks()
    {
        var ticks = new List<double>();
        int count = (int)Math.Round((Max - Min) / Step);
        for (int i = 0; i <= count; i++) ticks.Add(Min + i * Step);
        return ticks;
    }

    /// <summary>Pixel position of <paramref name="value"/> between <paramref name="from"/> (at Min) and <paramref name="to"/> (at Max).</summary>
    public double Map(double value, double from, double to) => from + (value - Min) / (Max - Min) * (to - from);

    /// <summary>A tick label with as many decimals as the step needs.</summary>
    public string Label(double value)
    {
        int decimals = Math.Max(0, (int)-Math.Floor(Math.Log10(Step) + 1e-9));
        if (Math.Abs(value) < Step * 1e-6) value = 0;
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
