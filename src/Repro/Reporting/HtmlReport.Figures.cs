using System.Text;
using Repro.Reporting.Plots;

namespace Repro.Reporting;

public static partial class HtmlReport
{
    /// <summary>
    /// The paper's figures redrawn from the measured series: one chart per (figure, panel), several series per chart, and
    /// beside each measured series the paper's printed values of the same rows (hollow, dashed); scatter with fit and
    /// Pearson r where the paper table says so (Figure 2). A panel with nothing measured says why and how to measure it.
    /// </summary>
    private static void RenderFigures(StringBuilder h, PaperTable? table, PaperBaseline? baseline, ExperimentResult result)
    {
        if (result.Figures.Count == 0) return;
        var style = table?.Chart is ChartStyle.Scatter ? ChartStyle.Scatter : ChartStyle.Line;
        h.Append("<div class=\"figures\">\n");
        foreach (var panel in result.Figures.GroupBy(f => (f.Figure, f.Panel)))
        {
            var seriesList = panel.ToList();
            var measured = seriesList.Select(s => new ChartSeries(s.Series,
                s.Points.Select(p => new ChartPoint(p.X, p.Y.Mean, p.Y.Uncertainty ?? (p.Y.N > 1 ? p.Y.Std : null), p.Label)).ToList())).ToList();
            var paper = seriesList.Select(s => PaperSeries(s, baseline)).OfType<ChartSeries>().ToList();
            string title = panel.Key.Panel.Length > 0 ? $"{panel.Key.Figure}: {panel.Key.Panel}" : panel.Key.Figure;
            string xLabel = seriesList[0].XLabel, yLabel = seriesList[0].YLabel;
            bool nothingMeasured = measured.All(s => s.Points.Count == 0);
            string? missing = seriesList.Select(s => s.NotMeasured).FirstOrDefault(m => m is not null);
            if (nothingMeasured && paper.Count == 0)
            {
                // Never empty axes: the panel says what is missing and how to get it.
                h.Append("<figure class=\"chart-figure chart-missing\"><div class=\"chart-missing-panel\" role=\"note\"><strong>").Append(E(title)).Append("</strong><p>")
                    .Append(E(missing is null ? "Not measured at this profile." : $"Not measured: {missing}.")).Append("</p></div></figure>\n");
                continue;
            }
            var series = measured.Where(s => s.Points.Count > 0).Concat(paper).ToList();
            h.Append("<figure class=\"chart-figure\">");
            h.Append(style == ChartStyle.Scatter
                ? new SvgScatterChart { Title = title, XLabel = xLabel, YLabel = yLabel, Series = series }.Render()
                : new SvgLineChart { Title = title, XLabel = xLabel, YLabel = yLabel, Series = series }.Render());
            h.Append("<figcaption>").Append(E(title)).Append(" — ");
            h.Append(E(nothingMeasured
                ? $"the paper's printed values only; measured: none at this profile{(missing is null ? "" : $" ({missing})")}"
                : "redrawn from the measured series (mean over seeds" + (style == ChartStyle.Line ? ", bars ± std" : "; line: least-squares fit") + ")"));
            if (!nothingMeasured && paper.Count > 0) h.Append(E("; hollow markers, dashed: the paper's printed values of the same rows"));
            else if (!nothingMeasured && style == ChartStyle.Line) h.Append(E("; the paper prints no values for these points"));
            h.Append(".</figcaption></figure>\n");
        }
        h.Append("</div>\n");
    }

    /// <summary>The paper's printed values of the rows a series compares with, as their own series; null when it prints none.</summary>
    private static ChartSeries? PaperSeries(FigureSeries series, PaperBaseline? baseline)
    {
        if (baseline is null || series.Metric is not { } metric || series.PaperRowX is not { } rowX) return null;
        var points = rowX
            .Select(kv => (X: kv.Value, Cell: baseline.Row(kv.Key)?.Cell(metric), Row: kv.Key))
            .Where(p => p.Cell is not null)
            .Select(p => new ChartPoint(p.X, p.Cell!.Mean, p.Cell.Std, p.Row))
            .OrderBy(p => p.X)
            .ToList();
        return points.Count == 0 ? null : new ChartSeries($"{series.Series} (paper)", points, series.Series);
    }
}
