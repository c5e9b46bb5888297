using Repro.Metrics;
using static Repro.Claims.ClaimRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The facts Table V states (§VI): which strategy applies to which mechanism.</summary>
public sealed partial class Table05_StrategyApplicability
{
    const string Experiment = nameof(Table05_StrategyApplicability);
    static readonly string[] Mechanisms = { "quantization", "pruning", "distillation", "new-arch", "ofa" };

    public static Claim FinetuneLast_AlwaysApplies { get; } = new(
        nameof(FinetuneLast_AlwaysApplies), Experiment,
        "Finetune-last applies to every mechanism",
        "The finetune-last (FL) strategy is always applicable as one can fine-tune pre-trained on-device models with our defense objective",
        "✓ for all five mechanisms",
        r => Facts(r, Metric.ApplicableFl, m => true));

    public static Claim FinetuneFirst_NeedsAPretrainedServer { get; } = new(
        nameof(FinetuneFirst_NeedsAPretrainedServer), Experiment,
        "Finetune-first applies to every mechanism except new architectures (trained from scratch)",
        "The finetune-first (FF) strategy is applicable when a mechanism uses a pre-trained model. If the victim constructs on-device models by designing new architectures ... this strategy is not applicable",
        "✗ only for New-arch.",
        r => Facts(r, Metric.ApplicableFf, m => m != "new-arch"));

    public static Claim Jointly_NeedsAnOptimisationProcess { get; } = new(
        nameof(Jointly_NeedsAnOptimisationProcess), Experiment,
        "Joint fine-tuning applies to quantization, pruning and distillation, not to new architectures or OFA",
        "We can apply the jointly-finetune (JL) strategy when an efficient deep learning mechanism involves an optimization process",
        "✓ quantization, pruning, distillation; ✗ New-arch., OFA",
        r => Facts(r, Metric.ApplicableJf, m => m is "quantization" or "pruning" or "distillation"));

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[] { FinetuneLast_AlwaysApplies, FinetuneFirst_NeedsAPretrainedServer, Jointly_NeedsAnOptimisationProcess };

    static ClaimCheck Facts(Reporting.ExperimentResult r, Metric metric, Func<string, bool> expected)
    {
        var wrong = new List<string>();
        foreach (var mechanism in Mechanisms)
            if (Math.Abs(Value(r, mechanism, metric).Mean - (expected(mechanism) ? 1 : 0)) > 1e-9) wrong.Add(mechanism);
        return new ClaimCheck(Value(r, Mechanisms[0], metric), wrong.Count == 0,
            wrong.Count == 0 ? $"{metric} as Table V prints it for all {Mechanisms.Length} mechanisms" : $"{metric} differs from Table V for {string.Join(", ", wrong)}",
            Mechanisms[0], metric);
    }
}
