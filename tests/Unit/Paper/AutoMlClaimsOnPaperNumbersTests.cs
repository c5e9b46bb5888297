using Repro.Metrics;
using Repro.Reporting;
using Repro.Unit.Reporting;
using Repro.Claims;
using Repro.Paper;

namespace Repro.Unit.Paper;

/// <summary>
/// Table II's claims on the paper's own numbers (baselines/paper/Table02_AutoMl.csv, one value per cell, no spread): a rule
/// the paper's table fails is wrong. And each rule can fail: on a table where the edge model transfers like the others and
/// a prior doubles RayS's fooling rate, the claims that say otherwise do not hold.
/// </summary>
public class AutoMlClaimsOnPaperNumbersTests
{
    static IEnumerable<TestCaseData> Claims() =>
        new Table02_AutoMl().Claims.Select(c => new TestCaseData(c.Id).SetName($"{nameof(Table02_AutoMl)}.{c.Id}"));

    [TestCaseSource(nameof(Claims))]
    public void Claim_HoldsOnThePapersOwnNumbers(string claimId)
    {
        var claim = new Table02_AutoMl().Claims.Single(c => c.Id == claimId);

        var verdict = claim.Evaluate(Result(PaperRows()));

        verdict.Outcome.Should().Be(ClaimOutcome.Holds, verdict.Describe());
    }

    [Test]
    public void Claims_FailOnATableWhereTheEdgeModelIsOrdinaryAndPriorsHelp()
    {
        var rows = PaperRows();
        rows["automl-edge"][Metric.RfrFgsm.Key] = 0.05;
        rows["automl-edge"][Metric.RfrPgd10.Key] = 0.05;
        rows["nasnet"][Metric.FoolingRate.Key] = 60;
        foreach (var id in new[] { "resnet50-p", "resnet50-q", "resnet18", "nasnet" }) rows[id][Metric.RfrPgd10.Key] = 0.5;
        var result = Result(rows);

        foreach (var claim in new Table02_AutoMl().Claims)
            claim.Evaluate(result).Outcome.Should().Be(ClaimOutcome.Fails, claim.Id);
    }

    static Dictionary<string, Dictionary<string, double>> PaperRows() =>
        PaperBaseline.Load(Path.Combine(RepositoryPaths.PaperBaselines, nameof(Table02_AutoMl) + ".csv")).Rows
            .ToDictionary(r => r.Id, r => r.Cells.ToDictionary(c => c.Metric, c => c.Mean));

    static ExperimentResult Result(Dictionary<string, Dictionary<string, double>> rows) =>
        FakeResults.Result(nameof(Table02_AutoMl), "paper", Table02_AutoMl.Rows.Select(r => new ResultRow(r.Id, "", r.Id,
            rows[r.Id].ToDictionary(m => m.Key, m => MetricValue.Single(m.Value)))).ToList());
}
