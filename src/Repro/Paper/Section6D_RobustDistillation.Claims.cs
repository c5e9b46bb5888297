using Repro.Metrics;
using static Repro.Claims.ClaimRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims §VI-D's comparison with robust distillation backs, as rules on the measured rows.</summary>
public sealed partial class Section6D_RobustDistillation
{
    const string Experiment = nameof(Section6D_RobustDistillation);
    const string Sentence = "The robust distillation offers a similar amount of vulnerability decrease, but it sacrifices the accuracy of the resulting models by 10–15%";

    public static Claim RobustDistillation_CostsAtLeastTenPoints { get; } = new(
        nameof(RobustDistillation_CostsAtLeastTenPoints), Experiment,
        "The robustly distilled student is more than 10 points less accurate than the unpaired (finetune-last) student",
        Sentence, "72% vs 84% (Table VIII FL)",
        r =>
        {
            var ard = Value(r, "resnet18/ard", Metric.Accuracy);
            var fl = Value(r, "resnet18/fl", Metric.Accuracy);
            return new ClaimCheck(ard, Above(fl, ard, 10), $"ARD {Show(ard, Metric.Accuracy)} vs FL {Show(fl, Metric.Accuracy)} ({F(fl.Mean - ard.Mean)} points)", "resnet18/ard", Metric.Accuracy);
        });

    public static Claim RobustDistillation_ReducesVulnerabilityAboutAsMuchAsUnpairing { get; } = new(
        nameof(RobustDistillation_ReducesVulnerabilityAboutAsMuchAsUnpairing), Experiment,
        "As a prior, the robustly distilled student is clearly less useful than the plainly distilled one (lower PGD-10 RFR and FR), and no more useful than the unpaired student beyond 0.1 RFR (FGSM, PGD-10) and 10 points of FR",
        Sentence, "RFR 0.04 / 0.26, FR 44% vs FL 0.12 / 0.37, 43% and baseline 0.18 / 0.70, 85%",
        r =>
        {
            var (fgsm, pgd, fr) = (Value(r, "resnet18/ard", Metric.RfrFgsm), Value(r, "resnet18/ard", Metric.RfrPgd10), Value(r, "resnet18/ard", Metric.FoolingRate));
            var (flFgsm, flPgd, flFr) = (Value(r, "resnet18/fl", Metric.RfrFgsm), Value(r, "resnet18/fl", Metric.RfrPgd10), Value(r, "resnet18/fl", Metric.FoolingRate));
            var (basePgd, baseFr) = (Value(r, "resnet18/baseline", Metric.RfrPgd10), Value(r, "resnet18/baseline", Metric.FoolingRate));
            var holds = Above(basePgd, pgd) & Above(baseFr, fr) & DifferenceAtMost(fgsm, flFgsm, 0.1) & DifferenceAtMost(pgd, flPgd, 0.1) & DifferenceAtMost(fr, flFr, 10);
            return new ClaimCheck(pgd, holds,
                $"ARD RFR {Show(fgsm, Metric.RfrFgsm)} / {Show(pgd, Metric.RfrPgd10)}, FR {Show(fr, Metric.FoolingRate)}, {Show(Value(r, "resnet18/ard", Metric.Queries), Metric.Queries)} queries; " +
                $"FL {Show(flFgsm, Metric.RfrFgsm)} / {Show(flPgd, Metric.RfrPgd10)}, FR {Show(flFr, Metric.FoolingRate)}; baseline PGD-10 {Show(basePgd, Metric.RfrPgd10)}, FR {Show(baseFr, Metric.FoolingRate)}",
                "resnet18/ard", Metric.RfrPgd10);
        });

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[] { RobustDistillation_CostsAtLeastTenPoints, RobustDistillation_ReducesVulnerabilityAboutAsMuchAsUnpairing };
}
