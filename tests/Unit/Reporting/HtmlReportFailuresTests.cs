using System.Text.RegularExpressions;
using Repro.Reporting;
using Repro.Reporting.Ledger;
using Repro.Unit.Reporting.Ledger;

namespace Repro.Unit.Reporting;

/// <summary>An experiment whose latest attempt failed is marked failed, with its error escaped; what completed is shown as usual.</summary>
public class HtmlReportFailuresTests
{
    const string Hostile = "<script>alert('x')</script> & \"NaN\"\nat Repro.Figure2()";

    static string Section(string html, string experiment) =>
        Regex.Match(html, $"<section class=\"experiment\" id=\"{experiment}\".*?</section>", RegexOptions.Singleline).Value;

    static string Render(RunLedger ledger) => HtmlReport.Render(ReportModel.FromLedger(ledger, ReportFixtures.Baselines, FakeResults.Start));

    [Test]
    public void Render_ExperimentFailedWithNoResult_MarkedFailedWithItsErrorEscapedBesideTheCompletedOne()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long run = ledger.StartRun(RunLedgerTests.Info("smoke"));
        ledger.RecordResult(run, FakeResults.Table01("smoke"), FakeResults.Start.AddMinutes(1));
        ledger.RecordFailure(run, "Figure2_SimilarityVsVulnerability", "smoke", Hostile, FakeResults.Start.AddMinutes(2));
        ledger.FinishRun(run, FakeResults.Start.AddMinutes(3), 7);

        string html = Render(ledger);

        html.Should().NotContain("<script>", "every error text is escaped");
        var figure = Section(html, "Figure2_SimilarityVsVulnerability");
        figure.Should().Contain("<div class=\"profile-block failed\" data-profile=\"smoke\">")
            .And.Contain("<span class=\"v-failed\">failed</span>")
            .And.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;NaN&quot;\nat Repro.Figure2()")
            .And.Contain("No measurement of it at this profile has been recorded.");
        Section(html, "Table01_OnDevicePriors").Should().Contain("<div class=\"profile-block\" data-profile=\"smoke\">").And.NotContain("v-failed");
        html.Should().Contain("1 experiment(s) failed</strong>")
            .And.Contain("<li class=\"failed-experiment\" data-experiment=\"Figure2_SimilarityVsVulnerability\" data-profile=\"smoke\">");
        Regex.Match(html, "<tr><td>[^<]*</td><td><a href=\"#Figure2_SimilarityVsVulnerability\">.*?</tr>").Value.Should().Contain("<td class=\"v-failed\">failed</td>");
        html.Should().Contain("(exit 7); failed: Figure2_SimilarityVsVulnerability");
    }

    [Test]
    public void Render_FailureAfterTheLastResult_MarkedFailedAboveThatOlderMeasurement()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long first = ledger.StartRun(RunLedgerTests.Info("mini")), second = ledger.StartRun(RunLedgerTests.Info("mini"));
        ledger.RecordResult(first, FakeResults.Table01(), FakeResults.Start.AddMinutes(1));
        ledger.RecordFailure(second, "Table01_OnDevicePriors", "mini", "cached model is damaged", FakeResults.Start.AddMinutes(2));

        var table = Section(Render(ledger), "Table01_OnDevicePriors");

        table.Should().Contain("<div class=\"profile-block failed\" data-profile=\"mini\">")
            .And.Contain("cached model is damaged")
            .And.Contain($"its last successful measurement at this profile (run {first}), older than the failure")
            .And.Contain("data-row=\"cifar10/quantization\"");
    }

    [Test]
    public void Render_ResultRecordedAfterTheFailure_NotMarkedFailed()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long first = ledger.StartRun(RunLedgerTests.Info("mini")), second = ledger.StartRun(RunLedgerTests.Info("mini"));
        ledger.RecordFailure(first, "Table01_OnDevicePriors", "mini", "out of memory once", FakeResults.Start.AddMinutes(1));
        ledger.RecordResult(second, FakeResults.Table01(), FakeResults.Start.AddMinutes(2));

        string html = Render(ledger);

        html.Should().NotContain("v-failed\">failed").And.NotContain("out of memory once").And.NotContain("experiment(s) failed");
    }
}
