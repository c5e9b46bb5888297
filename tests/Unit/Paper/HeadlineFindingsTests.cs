using Repro.Claims;
using Repro.Metrics;
using Repro.Paper;
using Repro.Reporting;
using Repro.Unit.Reporting;

namespace Repro.Unit.Paper;

/// <summary>
/// The paper's headline findings judged on the paper's own numbers (baselines/paper/*.csv) hold there, and on measured-like
/// tables they hold, fail or are not measured as the numbers say, with scale-dependent numbers judged only at 'paper'.
/// </summary>
public class HeadlineFindingsTests
{
    static readonly string[] TableExperiments =
    {
        nameof(Table01_OnDevicePriors), nameof(Table06_UnpairingQuantization), nameof(Table07_UnpairingPruning),
        nameof(Table08_UnpairingDistillation), nameof(Table09_UnpairingArchitectures),
    };

    static IEnumerable<TestCaseData> FindingsOnTables() =>
        new[] { HeadlineFindings.SiblingsTransferUpToFully, HeadlineFindings.PriorCutsQueries, HeadlineFindings.UnpairingWeakensTransfer, HeadlineFindings.UnpairingForcesQueries }
            .Select(f => new TestCaseData(f.Id).SetName($"{f.Id}_HoldsOnThePapersOwnNumbers"));

    [TestCaseSource(nameof(FindingsOnTables))]
    public void Finding_HoldsOnThePapersOwnNumbers(string id)
    {
        var finding = HeadlineFindings.All.Single(f => f.Id == id);

        var verdict = finding.Evaluate(Evidence("paper", TableExperiments.Select(PaperResult)));

        verdict.Relation.Should().Be(ClaimOutcome.Holds, verdict.RelationExplanation);
        if (finding.MagnitudeRule is not null) verdict.Magnitude.Should().Be(ClaimOutcome.Holds, verdict.MagnitudeExplanation);
        verdict.Overall.Should().Be(ClaimOutcome.Holds);
    }

    [Test]
    public void EveryFinding_QuotesThePaperAndSaysWhere()
    {
        HeadlineFindings.All.Should().HaveCount(7);
        foreach (var finding in HeadlineFindings.All)
        {
            finding.PaperQuote.Should().NotBeNullOrWhiteSpace(finding.Id);
            finding.PaperSource.Should().MatchRegex("Abstract|§", finding.Id);
            finding.PaperNumbers.Should().MatchRegex("[0-9]", finding.Id);
        }
    }

    [Test]
    public void PriorCutsQueries_FailsWhenTheSiblingIsNoBetterThanNoPrior()
    {
        var table = Table(("cifar10/no-prior", 1000, 50), ("cifar10/quantization", 900, 55), ("cifar10/pruning", 950, 52));

        var verdict = HeadlineFindings.PriorCutsQueries.Evaluate(Evidence("mini", new[] { table }));

        verdict.Relation.Should().Be(ClaimOutcome.Fails, verdict.RelationExplanation);
    }

    [Test]
    public void PriorCutsQueries_JudgesUpTo100xOnlyAtThePapersScale()
    {
        // 40x fewer queries: the 10x relation holds everywhere; "up to 100x" fails at 'paper' and is only shown at 'mini'.
        var table = Table(("cifar10/no-prior", 1000, 50), ("cifar10/quantization", 25, 100), ("cifar10/pruning", 25, 100));

        var mini = HeadlineFindings.PriorCutsQueries.Evaluate(Evidence("mini", new[] { table }));
        var paper = HeadlineFindings.PriorCutsQueries.Evaluate(Evidence("paper", new[] { table with { Profile = "paper" } }));

        mini.Relation.Should().Be(ClaimOutcome.Holds);
        mini.Magnitude.Should().BeNull();
        mini.MagnitudeExplanation.Should().Contain("not judged at the 'mini' scale").And.Contain("40x");
        mini.Overall.Should().Be(ClaimOutcome.Holds);
        paper.Magnitude.Should().Be(ClaimOutcome.Fails);
        paper.Overall.Should().Be(ClaimOutcome.Fails);
    }

    [Test]
    public void AFindingWhoseTablesWereNotRun_IsNotMeasuredAndSaysWhich()
    {
        var verdict = HeadlineFindings.UnpairingWeakensTransfer.Evaluate(Evidence("mini", Array.Empty<ExperimentResult>()));

        verdict.Relation.Should().Be(ClaimOutcome.NotMeasured);
        verdict.RelationExplanation.Should().Contain("Tables VI–IX");
    }

    [Test]
    public void UnpairingWeakensTransfer_JudgesItsRelativeNumberAtEveryScale()
    {
        // 1.00 -> 0.70 on both attacks: lower (the relation holds) but only 30% less (the 50% fails, at mini too).
        var rows = new[]
        {
            Row("cifar10/baseline", 1.0, 1.0, 14, 100), Row("cifar10/fl", 0.7, 0.7, 100, 90),
        };
        var table = FakeResults.Result(nameof(Table06_UnpairingQuantization), "mini", rows);

        var verdict = HeadlineFindings.UnpairingWeakensTransfer.Evaluate(Evidence("mini", new[] { table }));

        verdict.Relation.Should().Be(ClaimOutcome.Holds);
        verdict.Magnitude.Should().Be(ClaimOutcome.Fails, verdict.MagnitudeExplanation);
        verdict.Overall.Should().Be(ClaimOutcome.Fails);
    }

    static FindingEvidence Evidence(string profile, IEnumerable<ExperimentResult> results) =>
        new(profile, profile == "paper", results.ToDictionary(r => r.Experiment), "test");

    static ExperimentResult Table(params (string Row, double Queries, double FoolingRate)[] rows) =>
        FakeResults.Result(nameof(Table01_OnDevicePriors), "mini", rows.Select(r => FakeResults.Row(r.Row, r.Row,
            ("queries", FakeResults.V(r.Queries)), ("fooling_rate", FakeResults.V(r.FoolingRate)), ("rfr_fgsm", FakeResults.V(0.5)), ("rfr_pgd10", FakeResults.V(0.5)))).ToList());

    static ResultRow Row(string id, double fgsm, double pgd, double queries, double foolingRate) =>
        FakeResults.Row(id, id, ("rfr_fgsm", FakeResults.V(fgsm)), ("rfr_pgd10", FakeResults.V(pgd)), ("queries", FakeResults.V(queries)), ("fooling_rate", FakeResults.V(foolingRate)));

    static ExperimentResult PaperResult(string experiment)
    {
        var rows = PaperBaseline.Load(Path.Combine(Repro.Unit.Reporting.RepositoryPaths.PaperBaselines, experiment + ".csv")).Rows
            .ToDictionary(r => r.Id, r => r.Cells.ToDictionary(c => c.Metric, c => c.Mean));
        return FakeResults.Result(experiment, "paper", rows.Select(r =>
            new ResultRow(r.Key, "", r.Key, r.Value.ToDictionary(m => m.Key, m => MetricValue.Single(m.Value)))).ToList());
    }
}
