using System.Diagnostics;
using System.Text.RegularExpressions;
using Repro.Profiles;
using Repro.Metrics;
using Repro.Reporting;
using Repro.Reporting.Ledger;
using Repro.Unit.Reporting.Ledger;

namespace Repro.Unit.Reporting;

public class HtmlReportTests
{
    private static readonly IReadOnlyDictionary<string, PaperBaseline> Baselines = ReportFixtures.Baselines;

    private static string Render(params ExperimentResult[] results) =>
        HtmlReport.Render(ReportModel.FromResults(results, Baselines, FakeResults.Start, "reports/results.json"));

    private static int Count(string html, string fragment) => Regex.Matches(html, Regex.Escape(fragment)).Count;

    [Test]
    public void Render_NoResults_ListsEveryPaperTableWithItsNumbersAsNotRun()
    {
        string html = Render();

        foreach (var table in PaperTableCatalog.All)
            html.Should().Contain($"<section class=\"experiment\" id=\"{table.Experiment}\"").And.Contain(Html.Encode(table.Title));
        Count(html, "<table class=\"paper-table paper-only\">").Should().Be(PaperTableCatalog.All.Count, "every paper table, none run");
        html.Should().Contain("Not run yet (not run).");
        html.Should().Contain("<strong>Measured against a local stand-in.</strong> Google AutoML Vision, a live cloud service, is replaced by a local one");
        html.Should().Contain("863.6 ± 314.0").And.Contain("674.98");
    }

    [Test]
    public void Render_Table01Result_ShowsPaperBesideMeasuredDeltaAndVerdictPerRow()
    {
        string html = Render(FakeResults.Table01(quantizedRfr: 0.97));

        html.Should().Contain("<div class=\"profile-block\" data-profile=\"mini\">");
        var quantized = Regex.Match(html, "<tr class=\"row\" data-verdict=\"[^\"]*\" data-row=\"cifar10/quantization\">.*?</tr>").Value;
        quantized.Should().Contain("<td class=\"paper\"").And.Contain(">1.00 ± 0.00</td>")
            .And.Contain("<td class=\"measured in\">0.97 (n=1)</td><td class=\"delta\">−0.03</td>")
            .And.Contain("<td class=\"measured out\">63.9 (n=1)</td>", "accuracy 63.9 is far from the paper's 91.0");
        quantized.Should().Contain("<td class=\"verdict v-partly\">Partly reproduced<div class=\"reason\">outside tolerance: accuracy</div>");
        var pruning = Regex.Match(html, "<tr class=\"row\" data-verdict=\"[^\"]*\" data-row=\"cifar10/pruning\">.*?</tr>").Value;
        pruning.Should().Contain("v-not-measured\">Not measured<div class=\"reason\">the result has no row with this id");
        html.Should().Contain("<th rowspan=\"10\" class=\"group\" scope=\"rowgroup\">CIFAR10</th>", "Table I's dataset groups span their rows");
        html.Should().Contain("<th rowspan=\"2\" class=\"desc\">Arch. (New)</th>");
    }

    [Test]
    public void Render_Summary_CountsVerdictsPerProfileAndNotRunTables()
    {
        string html = Render(FakeResults.Table01(quantizedRfr: 0.97));
        var summary = Regex.Match(html, "<tr class=\"profile-summary\" data-profile=\"mini\">.*?</tr>").Value;
        int totalRows = Baselines.Values.Sum(b => b.Rows.Count);
        int table01Rows = Baselines["Table01_OnDevicePriors"].Rows.Count;
        // as-is: accuracy out (64 vs 91) -> partly; quantization partly; a-new partly (0.41 vs 0.17 out, 0.7 in).
        summary.Should().Be(
            "<tr class=\"profile-summary\" data-profile=\"mini\"><th>mini</th><td class=\"v-reproduced\">0</td><td class=\"v-partly\">3</td>" +
            "<td class=\"v-not-reproduced\">0</td><td class=\"v-not-at-scale\">0</td>" +
            $"<td class=\"v-not-measured\">{table01Rows - 3}</td><td class=\"v-not-run\">{totalRows - table01Rows}</td><td>{totalRows}</td></tr>");
    }

    [Test]
    public void Render_Summary_CountsClaimsThatHoldFailInconclusiveDocumentedOrWereNotMeasured()
    {
        var one = MetricValue.Single(1);
        ClaimVerdict Verdict(string claim, ClaimOutcome outcome, string? documented = null) =>
            new("Table01_OnDevicePriors", claim, "sentence", "1.00", outcome, outcome == ClaimOutcome.NotMeasured ? null : one, "why",
                DocumentedAtThisScale: documented, DocumentedOutcome: documented is null ? null : outcome);
        var result = FakeResults.Table01(quantizedRfr: 0.97) with
        {
            Claims = new[]
            {
                Verdict("a", ClaimOutcome.Holds), Verdict("b", ClaimOutcome.Holds), Verdict("c", ClaimOutcome.Fails, "one seed at this scale"),
                Verdict("d", ClaimOutcome.Fails), Verdict("e", ClaimOutcome.NotMeasured), Verdict("f", ClaimOutcome.Inconclusive),
                Verdict("g", ClaimOutcome.Inconclusive, "0.9 lies inside the band"),
            },
        };

        string html = Render(result);

        Regex.Match(html, "<tr class=\"claim-summary-row\" data-profile=\"mini\">.*?</tr>").Value.Should().Be(
            "<tr class=\"claim-summary-row\" data-profile=\"mini\"><th>mini</th><td class=\"v-reproduced\">2</td><td class=\"v-not-at-scale\">2</td>" +
            "<td class=\"v-not-reproduced\">1</td><td class=\"v-inconclusive\">1</td><td class=\"v-not-measured\">1</td><td>7</td></tr>");
        html.Should().Contain("<td class=\"verdict v-not-at-scale\">Fails (documented at this scale)</td>")
            .And.Contain("<td class=\"verdict v-not-at-scale\">Inconclusive at this scale (documented at this scale)</td>")
            .And.Contain("<td class=\"verdict v-inconclusive\">Inconclusive at this scale</td>")
            .And.Contain("<td class=\"verdict v-not-reproduced\">Fails</td>");
    }

    [Test]
    public void Render_ProfileDeviationsAndProtocolChoices_AreThoseRecordedWithTheResult()
    {
        var recorded = FakeResults.Table01() with
        {
            Deviations = new[] { new Deviation("Training.Epochs", "200", "3", "recorded deviation reason") },
            Choices = new[] { new ProtocolChoice("Transfer.Recorded", "as run then", "other", "recorded choice reason") },
            ProfileSummary = "the summary recorded then",
        };

        string html = Render(recorded);

        html.Should().Contain("recorded deviation reason").And.Contain("<code>Transfer.Recorded</code>").And.Contain("the summary recorded then");
        html.Should().NotContain(Html.Encode(MiniProfile.Create().Deviations[0].Reason), "today's profile is not what the recorded run used");
        html.Should().NotContain($"<code>{Html.Encode(ProtocolChoices.All[0].Setting)}</code>", "today's choices are not what the recorded run used");
    }

    [Test]
    public void Render_Details_ShowProvenanceSettingsSeedsDurationAndArtifacts()
    {
        string html = Render(FakeResults.FiveSeeds());
        html.Should().Contain("<th>Commit</th><td><code>0123abcd</code></td>")
            .And.Contain("<th>Seeds</th><td>0, 1, 2, 3, 4</td>")
            .And.Contain("<th>Duration</th><td>3 min 00 s</td>")
            .And.Contain("<li><code>artifact/quantized/88c1</code></li>")
            .And.Contain("<th>Query.QueryBudget</th><td><code>2000</code></td>")
            .And.Contain("0.90 ± 0.02 (n=5)");
    }

    [Test]
    public void Render_Figures_LineChartsPerPanelAndScatterWithPearsonR()
    {
        var results = ReportFixtures.AllResults("mini", 1, 0).ToArray();
        string html = Render(results);

        Count(html, "<svg class=\"chart line-chart\"").Should().Be(4, "Figure 1 has four panels");
        Count(html, "<svg class=\"chart scatter-chart\"").Should().Be(2, "Figure 2 has two panels");
        html.Should().MatchRegex("r = 0\\.9\\d \\(n = 8\\)");
    }

    [Test]
    public void Render_HostileTextInEveryField_IsEscapedEverywhere()
    {
        const string evil = "<script>alert(\"x\")</script>' onload='x";
        // Metric keys are validated against the catalog before anything is stored, so a hostile key
        // cannot reach the report; every free-text field can, and must come out escaped.
        var row = new ResultRow("cifar10/as-is", evil, evil, new Dictionary<string, MetricValue> { ["rfr_fgsm"] = FakeResults.V(1.0) },
            Details: new Dictionary<string, string> { [evil] = evil }) { NotAtThisScaleReason = evil };
        var extra = new ResultRow(evil.Length.ToString(), evil, evil, new Dictionary<string, MetricValue>(), evil);
        var provenance = new Provenance(evil, true, evil, evil, evil, evil, evil, FakeResults.Start, FakeResults.Start.AddSeconds(5), new[] { 0 }, new[] { evil });
        var result = new ExperimentResult("Table01_OnDevicePriors", evil, evil, "mini",
            new[] { new MetricColumn("rfr_fgsm", evil, MetricDirection.HigherIsMoreVulnerable, MetricFormat.Ratio) },
            new[] { row, extra },
            new[] { new FigureSeries(evil, evil, evil, evil, evil, new[] { new FigurePoint(0, FakeResults.V(1), evil), new FigurePoint(1, FakeResults.V(2), evil) }) },
            new[] { new KeyValuePair<string, string>(evil, evil) },
            new[] { new Deviation(evil, evil, evil, evil) },
            provenance)
        {
            Claims = new[] { ClaimVerdict.Judge(evil, evil, evil, evil, FakeResults.V(1), ClaimOutcome.Holds, evil) },
        };
        var unknown = result with { Experiment = evil, Profile = "evil" };
        var baselines = new Dictionary<string, PaperBaseline>(Baselines)
        {
            ["Table01_OnDevicePriors"] = PaperBaseline.Parse(
                "row,group,label,metric,mean,std,tolerance,note\n" +
                $"cifar10/as-is,\"{evil.Replace("\"", "\"\"")}\",\"{evil.Replace("\"", "\"\"")}\",rfr_fgsm,1.00,0.00,0.1,\"{evil.Replace("\"", "\"\"")}\"\n",
                evil, "Table01_OnDevicePriors"),
        };
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long run = ledger.StartRun(RunLedgerTests.Info() with { Commit = evil, Device = evil, Machine = evil, CommandLine = evil });
        ledger.RecordResult(run, result, FakeResults.Start);
        ledger.RecordResult(run, result with { Rows = new[] { row with { Metrics = new Dictionary<string, MetricValue> { ["rfr_fgsm"] = FakeResults.V(0.5) } } } }, FakeResults.Start);
        ledger.RecordResult(run, unknown, FakeResults.Start);
        var model = ReportModel.FromLedger(ledger, baselines, FakeResults.Start) with { Source = evil };

        string html = HtmlReport.Render(model);

        html.Should().NotContainEquivalentOf("<script").And.NotContain("' onload='").And.NotContain("\"x\"");
        Count(html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x").Should().BeGreaterThan(25);
        html.Should().Contain("id=\"-script-alert--x----script---onload--x\"", "anchors keep only safe characters");
    }

    [Test]
    public void Render_RealisticReport_HasNoExternalReferenceOfAnyKind()
    {
        using var temp = new TempFolder();
        string html = HtmlReport.Render(ReportModel.FromLedger(ReportFixtures.Ledger(temp.File("ledger.db"), 4), Baselines, FakeResults.Start));

        foreach (var forbidden in new[] { "http:", "https:", "ftp:", "//", "<script", "<link", "<img", "<iframe", "<object", "<embed", "src=", "url(", "@import", "xlink:href" })
            html.Should().NotContainEquivalentOf(forbidden);
        Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value).Should().OnlyContain(h => h.StartsWith('#'));
    }

    [Test]
    public void FromLedger_HistoriesDrawSparklinesAndAcceptedResultsAreMarked()
    {
        using var temp = new TempFolder();
        var model = ReportModel.FromLedger(ReportFixtures.Ledger(temp.File("ledger.db"), 6), Baselines, FakeResults.Start);
        string html = HtmlReport.Render(model);

        model.Profiles().Should().Equal("paper", "mini");
        model.History("Table03_UnpairingSingleObjective", "paper", "input/1.0", "rfr_fgsm")!.Points.Should().HaveCount(3);
        Count(html, "<svg class=\"spark\"").Should().BeGreaterThan(100);
        html.Should().Contain(", not the accepted result").And.Contain("Not at this scale<div class=\"reason\">a 15-epoch retrained ResNet");
        html.Should().Contain("<h2>Recent runs</h2>").And.Contain("repro reproduce --profile paper");
    }

    /// <summary>DESIGN brief: rebuilding the report from the ledger must take well under 10 s.</summary>
    [Test]
    public void BuildFromLedger_RealisticLedger_TakesWellUnderTenSeconds()
    {
        using var temp = new TempFolder();
        var ledger = ReportFixtures.Ledger(temp.File("ledger.db"), 20);
        var counts = ledger.Counts();

        var watch = Stopwatch.StartNew();
        var baselines = PaperBaseline.LoadAll(RepositoryPaths.PaperBaselines);
        var model = ReportModel.FromLedger(ledger, baselines, DateTimeOffset.UtcNow);
        HtmlReport.Write(temp.File("reports/index.html"), model);
        watch.Stop();

        TestContext.Out.WriteLine($"ledger: {counts}; report {new FileInfo(temp.File("reports/index.html")).Length / 1024} KiB built in {watch.Elapsed.TotalSeconds:0.00} s");
        counts.Results.Should().Be(20 * PaperTableCatalog.All.Count(t => t.NotMeasurableReason is null), "one result per measurable table and run");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Test]
    public void Render_AGroupOfRowsTheProfileDoesNotMeasure_FoldsIntoOneLineWithItsCount()
    {
        // Table I at mini measures CIFAR10 rows only: the paper's ImageNet groups fold, the CIFAR10 rows stay in the table.
        string html = Render(FakeResults.Table01());

        var section = html[html.IndexOf("id=\"Table01_OnDevicePriors\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        section.Should().Contain("<details class=\"unmeasured-group\"><summary>ImageNet");
        section.Should().MatchRegex("ImageNet[^<]*: [0-9]+ row\\(s\\) the 'mini' profile does not measure");
        var measuredTable = section[..section.IndexOf("unmeasured-group", StringComparison.Ordinal)];
        measuredTable.Should().Contain("data-row=\"cifar10/quantization\"").And.NotContain("data-row=\"imagenet/");
    }

    [Test]
    public void Render_OpensWithTheFindingsBeforeTheSummary()
    {
        var model = ReportModel.FromResults([FakeResults.Table01()], Baselines, FakeResults.Start, "test") with
        {
            Findings = Repro.Harness.ReportWriter.Judge([FakeResults.Table01()], Repro.Paper.HeadlineFindings.All),
        };

        string html = HtmlReport.Render(model);

        html.IndexOf("id=\"findings\"", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("id=\"summary\"", StringComparison.Ordinal)).And.BePositive();
        html.Should().Contain("Adversarial examples crafted on a published sibling transfer to the server with up to 100% success");
    }
}
