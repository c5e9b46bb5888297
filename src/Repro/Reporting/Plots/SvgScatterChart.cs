using System.Globalization;
using System.Text;

namespace Repro.Reporting.Plots;

/// <summary>
/// An inline SVG scatter chart (Figure 2: vulnerability vs input-gradient similarity): labelled
/// points, a least-squares line per series and its Pearson r in the legend.
/// </summary>
public sealed class SvgScatterChart
{
    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public required IReadOnlyList<ChartSeries> Series { get; init; }
    public int Width { get; init; } = 560;
    public int Height { get; init; } = 320;

    /// <summary>The fit of each series (null where it cannot be fitted), in series order.</summary>
    public IReadOnlyList<LinearFit?> Fits() => Series.Select(s => LinearFit.Of(s.Points.Select(p => (p.X, p.Y)).ToList())).ToList();

    public string Render()
    {
        var canvas = new ChartCanvas(Width, Height, Series, includeErrors: false);
        var fits = Fits();
        var svg = new StringBuilder();
        canvas.Open(svg, "chart scatter-chart", Title);
        canvas.Axes(svg, XLabel, YLabel);
        for (int i = 0; i < Series.Count; i++)
        {
            string colour = ChartCanvas.Colour(Series, i);
            svg.Append($"<g class=\"series\" data-series=\"{Html.Encode(Series[i].Name)}\">");
            if (fits[i] is { } fit)
            {
                double x0 = Series[i].Points.Min(p => p.X), x1 = Series[i].Points.Max(p => p.X);
                // Keep the fitted line inside the plot: where it would leave the y-axis range, end it at the border.
                if (fit.Slope != 0)
                {
                    double xAtMin = (canvas.Y.Min - fit.Intercept) / fit.Slope, xAtMax = (canvas.Y.Max - fit.Intercept) / fit.Slope;
                    double lo = Math.Min(xAtMin, xAtMax), hi = Math.Max(xAtMin, xAtMax);
                    (x0, x1) = (Math.Max(x0, lo), Math.Min(x1, hi));
                }
                if (x0 <= x1)
                    svg.Append($"<line class=\"fit\" stroke=\"{colour}\" x1=\"{ChartCanvas.N(canvas.Px(x0))}\" y1=\"{ChartCanvas.N(canvas.Py(fit.Slope * x0 + fit.Intercept))}\" " +
                               $"x2=\"{ChartCanvas.N(canvas.Px(x1))}\" y2=\"{ChartCanvas.N(canvas.Py(fit.Slope * x1 + fit.Intercept))}\"/>");
            }
            foreach (var p in Series[i].Points)
            {
                double cx = canvas.Px(p.X), cy = canvas.Py(p.Y);
                svg.Append($"<circle class=\"point\" fill=\"{colour}\" cx=\"{ChartCanvas.N(cx)}\" cy=\"{ChartCanvas.N(cy)}\" r=\"4\">");
                string tip = string.Create(CultureInfo.InvariantCulture, $"{p.Label ?? Series[i].Name}: x = {p.X:0.###}, y = {p.Y:0.###}");
                svg.Append($"<title>{Html.Encode(tip)}</title></circle>");
                if (p.Label is not null)
                {
                    // Labels in the right third go left of their point so they never run into the legend.
                    bool right = cx > canvas.PlotLeft + (canvas.PlotRight - canvas.PlotLeft) * 2 / 3;
                    svg.Append($"<text class=\"point-label\" x=\"{ChartCanvas.N(right ? cx - 6 : cx + 6)}\" y=\"{ChartCanvas.N(cy - 6)}\"")
                       .Append(right ? " text-anchor=\"end\"" : "").Append($">{Html.Encode(p.Label)}</text>");
                }
            }
            svg.Append("</g>");
        }
        canvas.Legend(svg, Series, i => fits[i] is { PearsonR: { } r } f
            ? $"r = {r.ToString("0.00", CultureInfo.InvariantCulture)} (n = {f.N})"
            : "r: not defined");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
