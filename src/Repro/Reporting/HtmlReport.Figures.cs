using System.Text;
using Repro.Reporting.Plots;

namespace Repro.Reporting;

public static partial class HtmlReport
{
    /// <summary>
    /// The paper's figures redrawn from the measured series: one chart per (figure, panel), several
    /// series per chart; scatter with fit and Pearson r where the paper table says so (Figure 2).
    /// </summary>
    private static void RenderFigures(StringBuilder h, PaperTable? table, ExperimentResult result)
    {
        if (result.Figures.Count == 0) return;
        var style = table?.Chart is ChartStyle.Scatter ? ChartStyle.Scatter : ChartStyle.Line;
        h.Append("<div class=\"figures\">\n");
        foreach (var panel in result.Figures.GroupBy(f => (f.Figure, f.Panel)))
        {
            var seriesList = panel.ToList();
            var series = seriesList.Select(s => new ChartSeries(s.Series,
                s.Points.Select(p => new ChartPoint(p.X, p.Y.Mean, p.Y.Uncertainty ?? (p.Y.N > 1 ? p.Y.Std : null), p.Label)).ToList())).ToList();
            string title = panel.Key.Panel.Length > 0 ? $"{panel.Key.Figure}: {panel.Key.Panel}" : panel.Key.Figure;
            string xLabel = seriesList[0].XLabel, yLabel = seriesList[0].YLabel;
            h.Append("<figure class=\"chart-figure\">");
            h.Append(style == ChartStyle.Scatter
                ? new SvgScatterChart { Title = title, XLabel = xLabel, YLabel = yLabel, Series = series }.Render()
                : new SvgLineChart { Title = title, XLabel = xLabel, YLabel = yLabel, Series = series }.Render());
            h.Append("<figcaption>").Append(E(title)).Append(" — redrawn from the measured series (mean over seeds")
                .Append(style == ChartStyle.Line ? ", bars ± std" : "; line: least-squares fit").Append(").</figcaption></figure>\n");
        }
        h.Append("</div>\n");
    }
}
