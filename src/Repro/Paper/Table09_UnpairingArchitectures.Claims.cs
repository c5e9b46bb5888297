using Repro.Metrics;
using static Repro.Claims.ClaimRules;
using static Repro.Claims.UnpairingRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Table IX (§VI-E) and §VI-F's OFA text back.</summary>
public sealed partial class Table09_UnpairingArchitectures
{
    const string Experiment = nameof(Table09_UnpairingArchitectures);

    /// <summary>Needs the MobileNetV2 rows (mini-full, paper).</summary>
    public static Claim MobileNetV2_FinetuneLast_ReducesVulnerability { get; } = new(
        nameof(MobileNetV2_FinetuneLast_ReducesVulnerability), Experiment,
        "MobileNetV2 fine-tuned last with the input-gradient penalty makes the server materially less vulnerable than the undefended MobileNetV2",
        "Compared to the baseline where we use undefended MobileNetV2, the fine-tuned model shows 0.12–0.36 less in RFR. In the optimization-based attack, the query efficiency and the FR are reduced by 2× and 14%",
        "FL 0.12 / 0.35, # Q 1173.4, FR 75% (baseline 0.24 / 0.76, 580.3, 89%)",
        r => ReducesVulnerability(r, "mobilenetv2/fl", "mobilenetv2/baseline"));

    /// <summary>Needs the MobileNetV2 rows (mini-full, paper).</summary>
    public static Claim MobileNetV2_FinetuneLast_KeepsAccuracy { get; } = new(
        nameof(MobileNetV2_FinetuneLast_KeepsAccuracy), Experiment,
        "The fine-tuned MobileNetV2 stays within 2 points of the undefended one's accuracy",
        "Table IX: MobileNetV2 92% after fine-tuning against 93%",
        "92% vs 93%",
        r => KeepsAccuracy(r, "mobilenetv2/fl", "mobilenetv2/baseline"));

    public static Claim Ofa_FinetuneLast_ReducesTransferAndRaisesQueries { get; } = new(
        nameof(Ofa_FinetuneLast_ReducesTransferAndRaisesQueries), Experiment,
        "The OFA (2, 6, 7) sub-network fine-tuned last lowers FGSM's RFR against the OFA (4, 6, 7) server by at least 0.1 and at least doubles P-RGF's queries",
        "In the transfer-based attacks, we achieve a RFR of 0.65 and 0.98 in FGSM and PGD-10, compared to the baseline of 0.94 and 1.00. In the optimization-based attack, the query complexity increases from 28 to 220 on average, but the FR remains almost the same (100%→97%)",
        "FGSM 0.94 → 0.65; # Q 28 → 220",
        r =>
        {
            var fgsm = Value(r, "ofa/fl", Metric.RfrFgsm);
            var fgsm0 = Value(r, "ofa/baseline", Metric.RfrFgsm);
            var q = Value(r, "ofa/fl", Metric.Queries);
            var q0 = Value(r, "ofa/baseline", Metric.Queries);
            return new ClaimCheck(fgsm, Above(fgsm0, fgsm, RfrMargin) && TimesBelow(q0, q, QueryFactor),
                $"FGSM RFR {Show(fgsm, Metric.RfrFgsm)} vs {Show(fgsm0, Metric.RfrFgsm)}, # Queries {Show(q, Metric.Queries)} vs {Show(q0, Metric.Queries)}", "ofa/fl", Metric.RfrFgsm);
        });

    public static Claim Ofa_FinetuneLast_KeepsAccuracy { get; } = new(
        nameof(Ofa_FinetuneLast_KeepsAccuracy), Experiment,
        "The fine-tuned OFA (2, 6, 7) sub-network stays within 2 points of the undefended sub-network's accuracy",
        "We find that the fine-tuning reduces the vulnerability of the server model (OFANet-467) to black-box adversarial examples while maintaining a 74% accuracy",
        "74% (Table I: 75.0% before fine-tuning)",
        r => KeepsAccuracy(r, "ofa/fl", "ofa/baseline"));

    /// <summary>Needs the SqueezeNet rows (mini-full, paper).</summary>
    public static Claim SqueezeNet_AlreadyFarFromTheServer_ChangesLittle { get; } = new(
        nameof(SqueezeNet_AlreadyFarFromTheServer_ChangesLittle), Experiment,
        "Fine-tuning SqueezeNet last moves neither RFR by 0.1 nor its FR by 10 points, and keeps its accuracy within 2 points",
        "In SqueezeNet, both the undefended and fine-tuned models show a similar vulnerability. SqueezeNet already achieves low vulnerability even if the attacker uses the undefended model",
        "0.09 / 0.47 / 67% → 0.09 / 0.43 / 73%; 89% → 87%",
        r =>
        {
            var parts = new List<string>();
            Judgement holds = true;
            foreach (var (metric, margin) in new[] { (Metric.RfrFgsm, RfrMargin), (Metric.RfrPgd10, RfrMargin), (Metric.FoolingRate, FoolingRateMargin) })
            {
                var a = Value(r, "squeezenet/fl", metric);
                var b = Value(r, "squeezenet/baseline", metric);
                holds &= !Above(a, b, margin) && !Above(b, a, margin);
                parts.Add($"{metric} {Show(a, metric)} vs {Show(b, metric)}");
            }
            var accuracy = KeepsAccuracy(r, "squeezenet/fl", "squeezenet/baseline");
            parts.Add(accuracy.Explanation);
            return new ClaimCheck(Value(r, "squeezenet/fl", Metric.RfrPgd10), holds && accuracy.Holds, string.Join("; ", parts), "squeezenet/fl", Metric.RfrPgd10);
        });

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[]
    {
        Ofa_FinetuneLast_ReducesTransferAndRaisesQueries, Ofa_FinetuneLast_KeepsAccuracy,
        MobileNetV2_FinetuneLast_ReducesVulnerability, MobileNetV2_FinetuneLast_KeepsAccuracy, SqueezeNet_AlreadyFarFromTheServer_ChangesLittle,
    };
}
