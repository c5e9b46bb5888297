using System.Globalization;
using System.Text;

namespace Repro.Reporting.Plots;

/// <summary>
/// An inline SVG line chart (Figure 1: vulnerability vs # epochs, vs architectural difference): one
/// polyline with markers and ± std error bars per series, nice axes, axis labels and a legend.
/// Needs no script and no external resource.
/// </summary>
public sealed class SvgLineChart
{
    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public required IReadOnlyList<ChartSeries> Series { get; init; }
    public int Width { get; init; } = 560;
    public int Height { get; init; } = 300;

    public string Render()
    {
        var canvas = new ChartCanvas(Width, Height, Series, includeErrors: true);
        var svg = new StringBuilder();
        canvas.Open(svg, "chart line-chart", Title);
        canvas.Axes(svg, XLabel, YLabel);
        for (int i = 0; i < Series.Count; i++)
        {
            string colour = ChartCanvas.Colour(Series, i);
            bool paper = Series[i].PaperOf is not null;
            var points = Series[i].Points.OrderBy(p => p.X).ToList();
            svg.Append($"<g class=\"series{(paper ? " paper" : "")}\" data-series=\"{Html.Encode(Series[i].Name)}\">");
            if (points.Count > 1)
                svg.Append($"<polyline class=\"line{(paper ? " paper-line" : "")}\" fill=\"none\" stroke=\"{colour}\"{(paper ? " stroke-dasharray=\"6 4\"" : "")} points=\"{string.Join(" ", points.Select(p => $"{ChartCanvas.N(canvas.Px(p.X))},{ChartCanvas.N(canvas.Py(p.Y))}"))}\"/>");
            foreach (var p in points)
            {
                canvas.ErrorBar(svg, p, colour);
                string marker = paper ? $"fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"2\"" : $"fill=\"{colour}\"";
                svg.Append($"<circle class=\"marker{(paper ? " paper-marker" : "")}\" {marker} cx=\"{ChartCanvas.N(canvas.Px(p.X))}\" cy=\"{ChartCanvas.N(canvas.Py(p.Y))}\" r=\"{(paper ? "4.5" : "3.5")}\">");
                string tip = string.Create(CultureInfo.InvariantCulture, $"{Series[i].Name}: x = {p.X:0.###}, y = {p.Y:0.###}{(p.YError is > 0 ? " ± " + p.YError.Value.ToString("0.###", CultureInfo.InvariantCulture) : "")}");
                svg.Append($"<title>{Html.Encode(tip)}</title></circle>");
            }
            svg.Append("</g>");
        }
        canvas.Legend(svg, Series);
        svg.Append("</svg>");
        return svg.ToString();
    }
}
