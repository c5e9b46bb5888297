using Repro.Metrics;
using static Repro.Claims.ClaimRules;
using static Repro.Claims.UnpairingRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Table III backs (§V-B "Single objective at a time"), as rules on the measured table.</summary>
public sealed partial class Table03_UnpairingSingleObjective
{
    const string Experiment = nameof(Table03_UnpairingSingleObjective);
    const string Baseline = "input/0.0";

    public static Claim InputGradientPenalty_ReducesVulnerability { get; } = new(
        nameof(InputGradientPenalty_ReducesVulnerability), Experiment,
        "Fine-tuning with the input-gradient penalty at λ = 1 makes the server materially less vulnerable than the λ = 0 fine-tune: both RFRs fall, P-RGF needs more queries and fools fewer samples",
        "in the transfer-based attacks, the RFRs are decreased to below 0.09 for both FGSM and PGD-10, with the query attack complexity increasing from 29.1 to 3411.9, and the FR reduces from 100% to 15%",
        "RFR 0.83 → 0.08 / 1.00 → 0.09; # Q 29.1 → 3411.9; FR 100% → 15%",
        r => ReducesVulnerability(r, "input/1.0", Baseline));

    public static Claim InputGradientAtLambdaOne_FoolingRateBelow20_AccuracyWithinTwoPoints { get; } = new(
        nameof(InputGradientAtLambdaOne_FoolingRateBelow20_AccuracyWithinTwoPoints), Experiment,
        "The design card's example: the input-gradient objective at λ = 1 drops P-RGF's fooling rate below 20% while the accuracy stays within 2 points of the λ = 0 baseline",
        "the FR reduces from 100% to 15%. In both cases, we further preserve the accuracy of the fine-tuned models compared to the baselines",
        "FR 15%; accuracy 91% vs 92%",
        r =>
        {
            var fr = Value(r, "input/1.0", Metric.FoolingRate);
            var accuracy = KeepsAccuracy(r, "input/1.0", Baseline);
            return new ClaimCheck(fr, AtMost(fr, 20) && accuracy.Holds,
                $"FR at input/1.0 {Show(fr, Metric.FoolingRate)} (must be below 20%); {accuracy.Explanation}", "input/1.0", Metric.FoolingRate);
        });

    public static Claim OutputPenalty_ReducesVulnerability { get; } = new(
        nameof(OutputPenalty_ReducesVulnerability), Experiment,
        "Fine-tuning with the output (logit) penalty at λ = 1 makes the server materially less vulnerable than the λ = 0 fine-tune",
        "If we decrease the output-level similarity, the RFRs of the transfer-based attacks reduce from 0.84→0.62 (FGSM) and 1.00→0.61. Additionally, the query complexity increases from 46.2 (baseline) to 841.7, and the success rate decreases from 100% to 80%",
        "λ = 1: RFR 0.66 / 0.67, # Q 664.4, FR 86% (λ = 0: 0.84 / 1.00, 46.2, 99%)",
        r => ReducesVulnerability(r, "output/1.0", "output/0.0"));

    public static Claim InputGradientPenalty_MoreEffectiveThanOutput { get; } = new(
        nameof(InputGradientPenalty_MoreEffectiveThanOutput), Experiment,
        "At λ = 1 the input-gradient penalty leaves the server less vulnerable than the output penalty on every attack metric",
        "Penalizing the similarity of the input-gradients is more effective than reducing the output-level similarity",
        "input: 0.08 / 0.09, 3411.9, 15% vs output: 0.66 / 0.67, 664.4, 86%",
        r => LessVulnerableThan(r, "input/1.0", "output/1.0"));

    public static Claim ActivationPenalty_DoesNotReduceVulnerability { get; } = new(
        nameof(ActivationPenalty_DoesNotReduceVulnerability), Experiment,
        "The penultimate-activation penalty at λ = 1 does not materially lower PGD-10 transfer or P-RGF's fooling rate (each stays within the bar of the λ = 0 fine-tune)",
        "However, we find that penalizing the activation-level similarity is not effective in reducing the vulnerability",
        "λ = 1: RFR 0.86 / 1.00, # Q 17.4, FR 100% (λ = 0: 0.83 / 1.00, 30.1, 100%)",
        r =>
        {
            var pgd = Value(r, "feature/1.0", Metric.RfrPgd10);
            var pgd0 = Value(r, "feature/0.0", Metric.RfrPgd10);
            var fr = Value(r, "feature/1.0", Metric.FoolingRate);
            var fr0 = Value(r, "feature/0.0", Metric.FoolingRate);
            return new ClaimCheck(pgd, !Above(pgd0, pgd, RfrMargin) && !Above(fr0, fr, FoolingRateMargin),
                $"PGD-10 RFR {Show(pgd, Metric.RfrPgd10)} vs {Show(pgd0, Metric.RfrPgd10)}, FR {Show(fr, Metric.FoolingRate)} vs {Show(fr0, Metric.FoolingRate)} " +
                $"(neither may fall by {F(RfrMargin)} / {F(FoolingRateMargin)} points)", "feature/1.0", Metric.RfrPgd10);
        });

    public static Claim Penalties_PreserveAccuracy { get; } = new(
        nameof(Penalties_PreserveAccuracy), Experiment,
        "At λ = 1 the output and input-gradient penalties keep the accuracy within 2 points of the λ = 0 fine-tune",
        "In both cases, we further preserve the accuracy of the fine-tuned models compared to the baselines",
        "output 90% vs 91%; input 91% vs 92%",
        r => AllOf(KeepsAccuracy(r, "output/1.0", "output/0.0"), KeepsAccuracy(r, "input/1.0", Baseline)));

    /// <summary>Needs the full λ grid (mini-full, paper).</summary>
    public static Claim SmallLambdas_BarelyChangeVulnerability { get; } = new(
        nameof(SmallLambdas_BarelyChangeVulnerability), Experiment,
        "With λ ≤ 0.01 no penalty moves PGD-10 transfer or P-RGF's fooling rate materially from the λ = 0 fine-tune",
        "Table III: every λ ≤ 0.01 row keeps PGD-10 RFR 1.00 and FR 100%",
        "PGD-10 RFR 1.00, FR 100% at λ = 0.001 and 0.01 in all three blocks",
        r =>
        {
            var explanations = new List<string>();
            Judgement holds = true;
            Metrics.MetricValue? first = null;
            foreach (var kind in Defense.PenaltyLocations.All.Select(Defense.PenaltyLocations.Name))
                foreach (var lambda in new[] { "0.001", "0.01" })
                {
                    var pgd = Value(r, $"{kind}/{lambda}", Metric.RfrPgd10);
                    var pgd0 = Value(r, $"{kind}/0.0", Metric.RfrPgd10);
                    var fr = Value(r, $"{kind}/{lambda}", Metric.FoolingRate);
                    var fr0 = Value(r, $"{kind}/0.0", Metric.FoolingRate);
                    first ??= pgd;
                    var small = !Above(pgd0, pgd, RfrMargin) && !Above(fr0, fr, FoolingRateMargin);
                    holds &= small;
                    explanations.Add($"{kind}/{lambda}: PGD-10 {Show(pgd, Metric.RfrPgd10)}, FR {Show(fr, Metric.FoolingRate)}{(small.IsHolds ? "" : small.IsFails ? " (moved)" : " (may have moved)")}");
                }
            return new ClaimCheck(first!, holds, string.Join("; ", explanations), "input/0.01", Metric.RfrPgd10);
        });

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[]
    {
        InputGradientPenalty_ReducesVulnerability, InputGradientAtLambdaOne_FoolingRateBelow20_AccuracyWithinTwoPoints,
        OutputPenalty_ReducesVulnerability, InputGradientPenalty_MoreEffectiveThanOutput,
        ActivationPenalty_DoesNotReduceVulnerability, Penalties_PreserveAccuracy, SmallLambdas_BarelyChangeVulnerability,
    };
}
