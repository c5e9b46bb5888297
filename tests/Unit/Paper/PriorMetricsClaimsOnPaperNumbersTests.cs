using Repro.Metrics;
using Repro.Reporting;
using Repro.Unit.Reporting;
using Repro.Claims;
using Repro.Paper;

namespace Repro.Unit.Paper;

/// <summary>
/// Table X's claims on the paper's own numbers: its [66] values and accuracy drops (baselines/paper/Table10_PriorMetrics.csv)
/// beside Table I's RFRs for the same pairs, which Appendix C compares them with. A rule the paper's table fails is wrong.
/// </summary>
public class PriorMetricsClaimsOnPaperNumbersTests
{
    static IEnumerable<TestCaseData> Claims() =>
        new Table10_PriorMetrics().Claims.Select(c => new TestCaseData(c.Id).SetName($"{nameof(Table10_PriorMetrics)}.{c.Id}"));

    [TestCaseSource(nameof(Claims))]
    public void Claim_HoldsOnThePapersOwnNumbers(string claimId)
    {
        var claim = new Table10_PriorMetrics().Claims.Single(c => c.Id == claimId);

        var verdict = claim.Evaluate(PaperResult());

        verdict.Outcome.Should().Be(ClaimOutcome.Holds, verdict.Describe());
    }

    static ExperimentResult PaperResult()
    {
        var tableX = Rows(nameof(Table10_PriorMetrics));
        var tableI = Rows(nameof(Table01_OnDevicePriors));
        var rows = Table10_PriorMetrics.Pairs.Select(p =>
        {
            var metrics = tableX.TryGetValue(p.Id, out var printed) ? new Dictionary<string, double>(printed) : new Dictionary<string, double>();
            metrics[Metric.RfrFgsm.Key] = tableI[p.Id][Metric.RfrFgsm.Key];
            metrics[Metric.RfrPgd10.Key] = tableI[p.Id][Metric.RfrPgd10.Key];
            return new ResultRow(p.Id, "", p.Id, metrics.ToDictionary(m => m.Key, m => MetricValue.Single(m.Value)));
        }).ToList();
        return FakeResults.Result(nameof(Table10_PriorMetrics), "paper", rows);
    }

    static Dictionary<string, Dictionary<string, double>> Rows(string experiment) =>
        PaperBaseline.Load(Path.Combine(RepositoryPaths.PaperBaselines, experiment + ".csv")).Rows
            .ToDictionary(r => r.Id, r => r.Cells.ToDictionary(c => c.Metric, c => c.Mean));
}
