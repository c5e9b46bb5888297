using Repro.Metrics;
using static Repro.Claims.ClaimRules;
using static Repro.Claims.UnpairingRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Table VII backs (§VI-C, pruning).</summary>
public sealed partial class Table07_UnpairingPruning
{
    const string Experiment = nameof(Table07_UnpairingPruning);

    public static Claim FinetuneLast_ReducesVulnerability { get; } = new(
        nameof(FinetuneLast_ReducesVulnerability), Experiment,
        "The pruned model fine-tuned last with the input-gradient penalty makes the server materially less vulnerable than the plain pruned model",
        "Overall, the RFR of the transfer-based attacks is reduced to 0.31–0.51 (FGSM) and up to 0.46 (PGD-10) from 1.00. In CIFAR10, our defense significantly increases the query complexity from 12–19 to 50–881 and decreases the FR from 100% to 81%",
        "FL 0.31 / 0.46, # Q 880.6, FR 81% (baseline 0.89 / 1.00, 19.5, 100%)",
        r => ReducesVulnerability(r, "cifar10/fl", "cifar10/baseline"));

    public static Claim FinetuneLast_KeepsSparsityAndAccuracy { get; } = new(
        nameof(FinetuneLast_KeepsSparsityAndAccuracy), Experiment,
        "Finetune-last keeps the pruned model's sparsity exactly (its mask) and its accuracy within 2 points of the plain pruned model",
        "In FL, we first prune the pre-trained ResNet50 with 50% sparsity and then fine-tune this model",
        "FL 91% (0.5) vs baseline 88% (0.5)",
        r =>
        {
            var sparsity = Value(r, "cifar10/fl", Metric.Sparsity);
            var sparsity0 = Value(r, "cifar10/baseline", Metric.Sparsity);
            var accuracy = KeepsAccuracy(r, "cifar10/fl", "cifar10/baseline");
            // "Exactly": the same zeros, up to a weight or two that the fine-tune happened to move to 0.0 (1e-4 of the weights).
            return new ClaimCheck(sparsity, Math.Abs(sparsity.Mean - sparsity0.Mean) < 1e-4 && accuracy.Holds,
                $"sparsity {Show(sparsity, Metric.Sparsity)} vs {Show(sparsity0, Metric.Sparsity)}; {accuracy.Explanation}", "cifar10/fl", Metric.Sparsity);
        });

    public static Claim FinetuneFirst_ReducesVulnerability { get; } = new(
        nameof(FinetuneFirst_ReducesVulnerability), Experiment,
        "Pruning the unpaired server (finetune-first) makes the server materially less vulnerable than the plain pruned model",
        "Table VII: CIFAR10 FF 0.37 / 0.55, # Q 743.6, FR 83% against the baseline's 0.89 / 1.00, 19.5, 100%",
        "FF 0.37 / 0.55, 743.6, 83%",
        r => ReducesVulnerability(r, "cifar10/ff", "cifar10/baseline"));

    public static Claim FinetuneFirst_StopsAtALowerSparsity { get; } = new(
        nameof(FinetuneFirst_StopsAtALowerSparsity), Experiment,
        "Pruned by the same accuracy rule, the unpaired server (finetune-first) stops at a lower sparsity than the plain server",
        "In FF, we need to stop pruning at a smaller sparsity (0.3–0.4)",
        "FF 0.3 vs baseline 0.5",
        r =>
        {
            var s = Value(r, "cifar10/ff", Metric.Sparsity);
            var s0 = Value(r, "cifar10/baseline", Metric.Sparsity);
            return new ClaimCheck(s, Above(s0, s), $"sparsity FF {Show(s, Metric.Sparsity)} vs baseline {Show(s0, Metric.Sparsity)}", "cifar10/ff", Metric.Sparsity);
        });

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[]
    {
        FinetuneLast_ReducesVulnerability, FinetuneLast_KeepsSparsityAndAccuracy, FinetuneFirst_ReducesVulnerability, FinetuneFirst_StopsAtALowerSparsity,
    };
}
