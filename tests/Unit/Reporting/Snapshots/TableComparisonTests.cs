using Repro.Reporting.Snapshots;

namespace Repro.Unit.Reporting.Snapshots;

public class TableComparisonTests
{
    [Test]
    public void Compare_SameValues_MatchesAndCountsCells()
    {
        var result = FakeResults.Table01();
        var comparison = TableComparison.Compare(result, VerifiedSnapshot.FromResult(result));
        comparison.Matches.Should().BeTrue();
        comparison.CellsCompared.Should().Be(15);
    }

    [Test]
    public void Compare_ValueOutsideTolerance_DiffNamesTableRowMetricBandAndValue()
    {
        var verified = VerifiedSnapshot.FromResult(FakeResults.Table01(quantizedRfr: 0.97));

        var comparison = TableComparison.Compare(FakeResults.Table01(quantizedRfr: 0.80), verified);

        comparison.Matches.Should().BeFalse();
        var diff = comparison.Diffs.Should().ContainSingle().Which;
        diff.Should().Match<CellDiff>(d => d.RowId == "cifar10/quantization" && d.Metric == "rfr_fgsm" && d.Kind == CellDiffKind.OutsideTolerance);
        comparison.Describe().Should().Be(
            "Table01_OnDevicePriors (Table I), profile 'mini': 1 difference(s) from the verified snapshot (15 cells compared):\n" +
            "  - row 'cifar10/quantization' (Quantization), rfr_fgsm: expected 0.97 ± 0.05 = [0.92, 1.02], measured 0.8 (std 0, n = 1)");
    }

    [Test]
    public void Compare_ValueInsideTolerance_Matches()
    {
        var verified = VerifiedSnapshot.FromResult(FakeResults.Table01(quantizedRfr: 0.97));
        TableComparison.Compare(FakeResults.Table01(quantizedRfr: 0.93), verified).Matches.Should().BeTrue();
    }

    [Test]
    public void Compare_QueriesUseTheRelativeDefault()
    {
        var verified = VerifiedSnapshot.FromResult(FakeResults.Table01());
        verified.Tolerances["queries"].Should().Be("25%");
        var moved = FakeResults.Table01();
        var rows = moved.Rows.Select(r => r.Id == "cifar10/a-new"
            ? r with { Metrics = new Dictionary<string, Repro.Metrics.MetricValue>(r.Metrics) { ["queries"] = FakeResults.V(1200) } } : r).ToList();

        var diff = TableComparison.Compare(moved with { Rows = rows }, verified).Diffs.Should().ContainSingle().Which;
        diff.Describe().Should().Contain("queries: expected 900.5 ± 25% = [675.375, 1125.625], measured 1200");
    }

    [Test]
    public void Compare_ReviewerWidenedToleranceInTheFile_IsHonoured()
    {
        var verified = VerifiedSnapshot.FromResult(FakeResults.Table01(quantizedRfr: 0.97));
        var widened = verified with { Tolerances = new Dictionary<string, string>(verified.Tolerances) { ["rfr_fgsm"] = "0.2" } };
        TableComparison.Compare(FakeResults.Table01(quantizedRfr: 0.80), widened).Matches.Should().BeTrue();
    }

    [Test]
    public void Compare_RowsAndMetricsOnOneSideOnly_AreReportedAsDiffs()
    {
        var verified = VerifiedSnapshot.FromResult(FakeResults.Table01());
        var measured = FakeResults.Table01();
        var rows = measured.Rows.Where(r => r.Id != "cifar10/a-new")
            .Select(r => r.Id == "cifar10/as-is"
                ? r with { Metrics = r.Metrics.Where(m => m.Key != "queries").Append(new("sparsity", FakeResults.V(0.5))).ToDictionary(m => m.Key, m => m.Value) }
                : r)
            .Append(FakeResults.Row("cifar10/pruning", "Pruning", ("rfr_fgsm", FakeResults.V(0.9))))
            .ToList();

        var diffs = TableComparison.Compare(measured with { Rows = rows }, verified).Diffs;

        diffs.Select(d => (d.RowId, d.Metric, d.Kind)).Should().BeEquivalentTo(new (string, string?, CellDiffKind)[]
        {
            ("cifar10/as-is", "queries", CellDiffKind.MissingFromMeasurement),
            ("cifar10/as-is", "sparsity", CellDiffKind.NotInSnapshot),
            ("cifar10/a-new", null, CellDiffKind.RowMissingFromMeasurement),
            ("cifar10/pruning", null, CellDiffKind.RowNotInSnapshot),
        });
        diffs.Single(d => d.Kind == CellDiffKind.RowMissingFromMeasurement).Describe()
            .Should().Be("row 'cifar10/a-new' (Baseline (a new)): in the verified snapshot, but the result has no such row");
    }

    [Test]
    public void Compare_OtherProfile_Throws()
    {
        var verified = VerifiedSnapshot.FromResult(FakeResults.Table01("mini"));
        var act = () => TableComparison.Compare(FakeResults.Table01("smoke"), verified);
        act.Should().Throw<ArgumentException>();
    }
}
