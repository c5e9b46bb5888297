using Repro.Reporting;

namespace Repro.Unit.Reporting;

public class PaperComparisonTests
{
    private static readonly PaperBaseline Baseline = PaperBaseline.Parse(
        "row,group,label,metric,mean,std,tolerance,note\n" +
        "q,g,Quantization,rfr_fgsm,1.00,0.00,0.1,\n" +
        "q,g,Quantization,queries,13.9,2.3,50%,\n" +
        "p,g,Pruning,rfr_fgsm,0.90,0.01,0.1,\n" +
        "p,g,Pruning,queries,15.1,4.1,8.2,\n" +
        "n,g,A new,rfr_fgsm,0.17,0.05,0.1,\n",
        "Table01_OnDevicePriors.csv", "Table01_OnDevicePriors");

    private static ExperimentResult Measured(params Repro.Reporting.ResultRow[] rows) => FakeResults.Result("Table01_OnDevicePriors", "mini", rows);

    [Test]
    public void Compare_EveryMetricWithinTolerance_Reproduced()
    {
        var v = PaperComparison.Compare(Baseline, Measured(FakeResults.Row("q", "Q", ("rfr_fgsm", FakeResults.V(0.95)), ("queries", FakeResults.V(20)))), "mini");
        v.Rows.Single(r => r.Paper.Id == "q").Verdict.Should().Be(RowVerdict.Reproduced);
    }

    [Test]
    public void Compare_SomeMetricsWithin_PartlyAndReasonNamesTheOthers()
    {
        var v = PaperComparison.Compare(Baseline, Measured(FakeResults.Row("p", "P", ("rfr_fgsm", FakeResults.V(0.85)), ("queries", FakeResults.V(40)))), "mini");
        var row = v.Rows.Single(r => r.Paper.Id == "p");
        row.Verdict.Should().Be(RowVerdict.Partly);
        row.Reason.Should().Be("outside tolerance: queries");
        row.Cells.Single(c => c.Metric == "queries").Delta.Should().BeApproximately(24.9, 1e-9);
    }

    [Test]
    public void Compare_NoMetricWithin_NotReproduced()
    {
        var v = PaperComparison.Compare(Baseline, Measured(FakeResults.Row("q", "Q", ("rfr_fgsm", FakeResults.V(0.5)), ("queries", FakeResults.V(900)))), "mini");
        v.Rows.Single(r => r.Paper.Id == "q").Verdict.Should().Be(RowVerdict.NotReproduced);
    }

    [Test]
    public void Compare_OnlySomeMetricsMeasuredAllWithin_ReproducedAndSaysWhatWasNotMeasured()
    {
        var v = PaperComparison.Compare(Baseline, Measured(FakeResults.Row("q", "Q", ("rfr_fgsm", FakeResults.V(1.0)))), "mini");
        var row = v.Rows.Single(r => r.Paper.Id == "q");
        row.Verdict.Should().Be(RowVerdict.Reproduced);
        row.Reason.Should().Be("not measured: queries");
    }

    [Test]
    public void Compare_RowMissingOrFlaggedNotMeasured_NotMeasuredWithReason()
    {
        var flagged = new Repro.Reporting.ResultRow("p", "g", "P", new Dictionary<string, Repro.Metrics.MetricValue>(), "pruning needs the full server");
        var v = PaperComparison.Compare(Baseline, Measured(flagged), "mini");
        v.Rows.Single(r => r.Paper.Id == "p").Should().Match<RowComparison>(r => r.Verdict == RowVerdict.NotMeasured && r.Reason == "pruning needs the full server");
        v.Rows.Single(r => r.Paper.Id == "n").Reason.Should().Be("the result has no row with this id");
    }

    [Test]
    public void Compare_RowFlaggedNotAtThisScale_NotAtThisScaleEvenWhenWithinTolerance()
    {
        var row = FakeResults.Row("n", "A new", ("rfr_fgsm", FakeResults.V(0.2))) with { NotAtThisScaleReason = "a 15-epoch model transfers better than a 200-epoch one" };
        var v = PaperComparison.Compare(Baseline, Measured(row), "mini");
        v.Rows.Single(r => r.Paper.Id == "n").Should().Match<RowComparison>(r =>
            r.Verdict == RowVerdict.NotAtThisScale && r.Reason == "a 15-epoch model transfers better than a 200-epoch one");
    }

    [Test]
    public void Compare_NoResult_EveryRowNotMeasuredWithTheGivenReason()
    {
        var v = PaperComparison.Compare(Baseline, null, "paper", "Needs Google AutoML Vision");
        v.Rows.Should().OnlyContain(r => r.Verdict == RowVerdict.NotMeasured && r.Reason == "Needs Google AutoML Vision");
        v.Counts.NotMeasured.Should().Be(3);
        v.Summary().Should().Be("0 of 3 rows reproduced, 3 not measured");
    }

    [Test]
    public void Compare_RowNotInThePaper_ListedAsExtra()
    {
        var v = PaperComparison.Compare(Baseline, Measured(FakeResults.Row("x", "X", ("rfr_fgsm", FakeResults.V(0.2)))), "mini");
        v.ExtraRows.Select(r => r.Id).Should().Equal("x");
    }
}
