using Repro.Metrics;
using Repro.Reporting;
using Repro.Unit.Reporting;
using Repro.Harness;
using Repro.Claims;
using Repro.Paper;

namespace Repro.Unit.Paper;

/// <summary>
/// Every claim of the unpairing tables, evaluated on the paper's own numbers (baselines/paper/*.csv, plus the
/// few values the paper gives only in its text). A claim's rule and threshold come from the paper, not from a
/// measurement: if the paper's table does not satisfy it, the rule is wrong. Figure 2's claims are left out:
/// the paper prints its per-model points only as an image.
/// </summary>
public class UnpairingClaimsOnPaperNumbersTests
{
    static readonly string[] Experiments =
    {
        nameof(Table03_UnpairingSingleObjective), nameof(Table04_UnpairingCombined), nameof(Table05_StrategyApplicability),
        nameof(Table06_UnpairingQuantization), nameof(Table07_UnpairingPruning), nameof(Table08_UnpairingDistillation),
        nameof(Table09_UnpairingArchitectures), nameof(Table11_FromScratchSingle), nameof(Table12_FromScratchCombined),
    };

    static IEnumerable<TestCaseData> Claims() =>
        Experiments.SelectMany(e => ExperimentCatalog.Get(e).Claims.Select(c => new TestCaseData(e, c.Id).SetName($"{e}.{c.Id}")));

    [TestCaseSource(nameof(Claims))]
    public void Claim_HoldsOnThePapersOwnNumbers(string experiment, string claimId)
    {
        var claim = ExperimentCatalog.Get(experiment).Claims.Single(c => c.Id == claimId);

        var verdict = claim.Evaluate(PaperResult(experiment));

        verdict.Outcome.Should().Be(ClaimOutcome.Holds, verdict.Describe());
    }

    [Test]
    public void EveryUnpairingExperiment_HasClaims()
    {
        foreach (var experiment in Experiments) ExperimentCatalog.Get(experiment).Claims.Should().NotBeEmpty(experiment);
    }

    static ExperimentResult PaperResult(string experiment)
    {
        var rows = Rows(experiment).ToDictionary(r => r.Key, r => r.Value);
        switch (experiment)
        {
            case nameof(Table04_UnpairingCombined):
                var table3 = Rows(nameof(Table03_UnpairingSingleObjective));
                rows[Table04_UnpairingCombined.BaselineRow] = table3["input/0.0"];
                rows[Table04_UnpairingCombined.InputOnlyRow] = table3["input/1.0"];
                break;
            case nameof(Table06_UnpairingQuantization):
                rows["cifar10/jf"] = new() { ["accuracy"] = 47 };   // §VI-B: "a significant accuracy drop when quantized (91→47% in CIFAR10)"
                break;
            case nameof(Table09_UnpairingArchitectures):
                // §VI-F's text: "a RFR of 0.65 and 0.98 in FGSM and PGD-10, compared to the baseline of 0.94 and 1.00 ... from 28 to 220 ... (100%→97%)",
                // "maintaining a 74% accuracy"; the undefended OFA (2, 6, 7) is Table I's 75.0%.
                rows["ofa/baseline"] = new() { ["accuracy"] = 75.0, ["rfr_fgsm"] = 0.94, ["rfr_pgd10"] = 1.00, ["queries"] = 28, ["fooling_rate"] = 100 };
                rows["ofa/fl"] = new() { ["accuracy"] = 74, ["rfr_fgsm"] = 0.65, ["rfr_pgd10"] = 0.98, ["queries"] = 220, ["fooling_rate"] = 97 };
                break;
            case nameof(Table11_FromScratchSingle):
                rows[Table11_FromScratchSingle.FinetunedRow] = Rows(nameof(Table03_UnpairingSingleObjective))["input/1.0"];
                break;
            case nameof(Table12_FromScratchCombined):
                rows[Table12_FromScratchCombined.BaselineRow] = Rows(nameof(Table11_FromScratchSingle))["input/0.0"];
                break;
        }
        return FakeResults.Result(experiment, "paper", rows.Select(r =>
            new ResultRow(r.Key, "", r.Key, r.Value.ToDictionary(m => m.Key, m => MetricValue.Single(m.Value)))).ToList());
    }

    static Dictionary<string, Dictionary<string, double>> Rows(string experiment) =>
        PaperBaseline.Load(Path.Combine(Repro.Unit.Reporting.RepositoryPaths.PaperBaselines, experiment + ".csv")).Rows
            .ToDictionary(r => r.Id, r => r.Cells.ToDictionary(c => c.Metric, c => c.Mean));
}
