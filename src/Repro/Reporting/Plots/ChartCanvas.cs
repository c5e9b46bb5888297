using System.Globalization;
using System.Text;

namespace Repro.Reporting.Plots;

/// <summary>
/// The frame both charts share: plot area, nice axes with ticks and grid, axis labels, title and a
/// legend at the right. Everything textual is HTML-escaped; numbers are written invariantly.
/// </summary>
internal sealed class ChartCanvas
{
    public static readonly string[] Palette = { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C564B", "#000000" };

    private const double Left = 58, Top = 34, LegendWidth = 170, BottomSpace = 46;

    public ChartCanvas(int width, int height, IReadOnlyList<ChartSeries> series, bool includeErrors)
    {
        Width = width;
        Height = height;
        var points = series.SelectMany(s => s.Points).ToList();
        double xmin = points.Count > 0 ? points.Min(p => p.X) : 0, xmax = points.Count > 0 ? points.Max(p => p.X) : 1;
        double ymin = points.Count > 0 ? points.Min(p => p.Y - (includeErrors ? p.YError ?? 0 : 0)) : 0;
        double ymax = points.Count > 0 ? points.Max(p => p.Y + (includeErrors ? p.YError ?? 0 : 0)) : 1;
        X = AxisScale.Nice(xmin, xmax);
        Y = AxisScale.Nice(ymin, ymax, 5);
    }

    public int Width { get; }
    public int Height { get; }
    public AxisScale X { get; }
    public AxisScale Y { get; }
    public double PlotLeft => Left;
    public double PlotRight => Width - LegendWidth;
    public double PlotTop => Top;
    public double PlotBottom => Height - BottomSpace;

    public double Px(double x) => X.Map(x, PlotLeft, PlotRight);
    public double Py(double y) => Y.Map(y, PlotBottom, PlotTop);

    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public void Open(StringBuilder svg, string cssClass, string title)
    {
        svg.Append($"<svg class=\"{cssClass}\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Html.Encode(title)}\">");
        svg.Append($"<title>{Html.Encode(title)}</title>");
        svg.Append($"<text class=\"chart-title\" x=\"{N(PlotLeft)}\" y=\"18\">{Html.Encode(title)}</text>");
    }

    public void Axes(StringBuilder svg, string xLabel, string yLabel)
    {
        foreach (double t in X.Ticks())
        {
            double px = Px(t);
            svg.Append($"<line class=\"grid\" x1=\"{N(px)}\" y1=\"{N(PlotTop)}\" x2=\"{N(px)}\" y2=\"{N(PlotBottom)}\"/>");
            svg.Append($"<text class=\"tick\" x=\"{N(px)}\" y=\"{N(PlotBottom + 16)}\" text-anchor=\"middle\">{Html.Encode(X.Label(t))}</text>");
        }
        foreach (double t in Y.Ticks())
        {
            double py = Py(t);
            svg.Append($"<line class=\"grid\" x1=\"{N(PlotLeft)}\" y1=\"{N(py)}\" x2=\"{N(PlotRight)}\" y2=\"{N(py)}\"/>");
            svg.Append($"<text class=\"tick\" x=\"{N(PlotLeft - 6)}\" y=\"{N(py + 4)}\" text-anchor=\"end\">{Html.Encode(Y.Label(t))}</text>");
        }
        svg.Append($"<line class=\"axis\" x1=\"{N(PlotLeft)}\" y1=\"{N(PlotBottom)}\" x2=\"{N(PlotRight)}\" y2=\"{N(PlotBottom)}\"/>");
        svg.Append($"<line class=\"axis\" x1=\"{N(PlotLeft)}\" y1=\"{N(PlotTop)}\" x2=\"{N(PlotLeft)}\" y2=\"{N(PlotBottom)}\"/>");
        svg.Append($"<text class=\"axis-label\" x=\"{N((PlotLeft + PlotRight) / 2)}\" y=\"{N(Height - 10)}\" text-anchor=\"middle\">{Html.Encode(xLabel)}</text>");
        double cy = (PlotTop + PlotBottom) / 2;
        svg.Append($"<text class=\"axis-label\" x=\"14\" y=\"{N(cy)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {N(cy)})\">{Html.Encode(yLabel)}</text>");
    }

    /// <summary>One legend entry per series; <paramref name="extra"/> adds a second line (e.g. "r = 0.93").</summary>
    public void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series, Func<int, string?>? extra = null)
    {
        double x = PlotRight + 14, y = PlotTop + 6;
        for (int i = 0; i < series.Count; i++)
        {
            string colour = Colour(series, i);
            string fill = series[i].PaperOf is null ? $"fill=\"{colour}\"" : $"fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"3 2\"";
            svg.Append($"<g class=\"legend-entry\"><rect x=\"{N(x)}\" y=\"{N(y - 8)}\" width=\"12\" height=\"12\" {fill}/>");
            svg.Append($"<text class=\"legend\" x=\"{N(x + 18)}\" y=\"{N(y + 2)}\">{Html.Encode(series[i].Name)}</text>");
            string? more = extra?.Invoke(i);
            if (more is not null)
            {
                y += 14;
                svg.Append($"<text class=\"legend legend-note\" x=\"{N(x + 18)}\" y=\"{N(y + 2)}\">{Html.Encode(more)}</text>");
            }
            svg.Append("</g>");
            y += 20;
        }
    }

    /// <summary>A series' colour: its own place in the palette, or, for the paper's values, the colour of the series they belong to.</summary>
    public static string Colour(IReadOnlyList<ChartSeries> series, int index)
    {
        var measured = series.Where(s => s.PaperOf is null).ToList();
        var own = series[index];
        int place = measured.FindIndex(s => s.Name == (own.PaperOf ?? own.Name));
        return Palette[(place >= 0 ? place : measured.Count + index) % Palette.Length];
    }

    public void ErrorBar(StringBuilder svg, ChartPoint p, string colour)
    {
        if (p.YError is not > 0) return;
        double x = Px(p.X), lo = Py(p.Y - p.YError.Value), hi = Py(p.Y + p.YError.Value);
        svg.Append($"<line class=\"error-bar\" stroke=\"{colour}\" x1=\"{N(x)}\" y1=\"{N(lo)}\" x2=\"{N(x)}\" y2=\"{N(hi)}\"/>");
    }
}
