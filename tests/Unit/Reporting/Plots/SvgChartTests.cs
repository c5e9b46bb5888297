using System.Text.RegularExpressions;
using System.Xml.Linq;
using Repro.Reporting.Plots;

namespace Repro.Unit.Reporting.Plots;

public class SvgChartTests
{
    private static readonly ChartSeries Fgsm = new("RFR (FGSM)", new[] { new ChartPoint(0, 0.82, 0.03), new ChartPoint(100, 0.66, 0.02), new ChartPoint(200, 0.54, 0.04) });
    private static readonly ChartSeries Pgd = new("RFR (PGD-10)", new[] { new ChartPoint(0, 1.0), new ChartPoint(100, 1.0), new ChartPoint(200, 1.0) });

    [Test]
    public void LineChart_TwoSeries_IsWellFormedSvgWithAPolylinePerSeriesTicksLabelsAndLegend()
    {
        string svg = new SvgLineChart { Title = "Figure 1: epochs", XLabel = "# epochs", YLabel = "RFR", Series = new[] { Fgsm, Pgd } }.Render();

        var doc = XElement.Parse(svg);
        doc.Name.LocalName.Should().Be("svg");
        doc.Descendants("polyline").Should().HaveCount(2);
        doc.Descendants("circle").Should().HaveCount(6);
        doc.Descendants("line").Count(l => (string?)l.Attribute("class") == "error-bar").Should().Be(3);
        var texts = doc.Descendants("text").Select(t => t.Value).ToList();
        texts.Should().Contain(new[] { "# epochs", "RFR", "RFR (FGSM)", "RFR (PGD-10)", "0", "100", "200", "Figure 1: epochs" });
        svg.Should().NotContain("http");
    }

    [Test]
    public void ScatterChart_PerfectlyCorrelatedPoints_DrawsFitAndPrintsPearsonR()
    {
        var series = new ChartSeries("RFR (FGSM)", new[]
        {
            new ChartPoint(0.1, 0.1, Label: "SqueezeNet"), new ChartPoint(0.5, 0.5, Label: "ResNet18 (D)"), new ChartPoint(0.9, 0.9, Label: "Quantization"),
        });
        var chart = new SvgScatterChart { Title = "Figure 2", XLabel = "input-gradient similarity", YLabel = "RFR", Series = new[] { series } };

        string svg = chart.Render();

        chart.Fits().Single()!.PearsonR.Should().BeApproximately(1.0, 1e-12);
        var doc = XElement.Parse(svg);
        doc.Descendants("line").Should().Contain(l => (string?)l.Attribute("class") == "fit");
        doc.Descendants("text").Select(t => t.Value).Should().Contain(new[] { "r = 1.00 (n = 3)", "SqueezeNet", "Quantization" });
    }

    [Test]
    public void ScatterChart_FitLeavingTheYRange_EndsAtThePlotBorder()
    {
        // Figure 2's FR panel: a steep fit over a capped metric would run above 100% at the right end.
        var series = new ChartSeries("P-RGF FR (%)", new[]
        {
            new ChartPoint(0.05, 40), new ChartPoint(0.07, 33), new ChartPoint(0.1, 33), new ChartPoint(0.3, 65),
            new ChartPoint(0.34, 68), new ChartPoint(0.76, 100), new ChartPoint(0.99, 100),
        });

        var doc = XElement.Parse(new SvgScatterChart { Title = "FR", XLabel = "x", YLabel = "FR", Series = new[] { series } }.Render());

        var grid = doc.Descendants("line").Where(l => (string?)l.Attribute("class") == "grid")
            .SelectMany(l => new[] { (double)l.Attribute("y1")!, (double)l.Attribute("y2")! }).ToList();
        var fit = doc.Descendants("line").Single(l => (string?)l.Attribute("class") == "fit");
        foreach (var y in new[] { (double)fit.Attribute("y1")!, (double)fit.Attribute("y2")! })
            y.Should().BeInRange(grid.Min() - 1e-6, grid.Max() + 1e-6);
    }

    [Test]
    public void LinearFit_KnownData_SlopeInterceptAndR()
    {
        var fit = LinearFit.Of(new[] { (1.0, 2.0), (2.0, 4.1), (3.0, 5.9), (4.0, 8.2) })!;
        fit.Slope.Should().BeApproximately(2.04, 1e-9);
        fit.Intercept.Should().BeApproximately(-0.05, 1e-9);
        fit.PearsonR!.Value.Should().BeApproximately(10.2 / Math.Sqrt(5 * 20.85), 1e-12);
        LinearFit.Of(new[] { (1.0, 2.0) }).Should().BeNull();
        LinearFit.Of(new[] { (1.0, 2.0), (1.0, 3.0) }).Should().BeNull("all x equal: no line");
        LinearFit.Of(new[] { (1.0, 2.0), (2.0, 2.0) })!.PearsonR.Should().BeNull("y does not vary");
    }

    [TestCase(0.0, 1.0, 0.0, 1.0, 0.2)]
    [TestCase(12.9, 122.3, 0.0, 150.0, 50.0)]
    [TestCase(0.54, 0.82, 0.5, 0.9, 0.1)]
    [TestCase(5.0, 5.0, 4.4, 5.6, 0.2)]
    public void AxisScale_Nice_CoversDataWithRoundSteps(double min, double max, double lo, double hi, double step)
    {
        var axis = AxisScale.Nice(min, max);
        axis.Min.Should().BeApproximately(lo, 1e-9);
        axis.Max.Should().BeApproximately(hi, 1e-9);
        axis.Step.Should().BeApproximately(step, 1e-9);
        axis.Ticks().First().Should().BeApproximately(lo, 1e-9);
    }

    [Test]
    public void Charts_HostileNames_AreEscaped()
    {
        const string evil = "<script>alert('x')</script>\"";
        var series = new ChartSeries(evil, new[] { new ChartPoint(0, 1, Label: evil), new ChartPoint(1, 2, Label: evil) });
        foreach (string svg in new[]
        {
            new SvgLineChart { Title = evil, XLabel = evil, YLabel = evil, Series = new[] { series } }.Render(),
            new SvgScatterChart { Title = evil, XLabel = evil, YLabel = evil, Series = new[] { series } }.Render(),
            Sparkline.Render(new[] { 1.0, 2.0 }, evil),
        })
        {
            svg.Should().NotContain("<script").And.Contain("&lt;script&gt;");
            Regex.IsMatch(svg, "=\"[^\"]*\"[^ />]").Should().BeFalse("no attribute value is closed early by a quote");
            XElement.Parse(svg);
        }
    }

    [Test]
    public void Sparkline_OneValue_IsEmpty_TwoValues_Polyline()
    {
        Sparkline.Render(new[] { 1.0 }, "t").Should().BeEmpty();
        XElement.Parse(Sparkline.Render(new[] { 1.0, 3.0, 2.0 }, "t")).Descendants("polyline").Should().ContainSingle();
    }
}
