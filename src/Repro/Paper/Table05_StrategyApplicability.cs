using Repro.Defense;
using Repro.Metrics;
using Repro.Reporting;
using Repro.Harness;

namespace Repro.Paper;

/// <summary>
/// Table V: which similarity-unpairing strategy (finetune-first, finetune-last, jointly) applies to which
/// mechanism. These are facts of §VI's argument, not measurements: the table prints
/// <see cref="StrategyApplicability.All"/>, the very list the unpaired-model builder enforces (it refuses an
/// inapplicable combination with Table V's reason). Each row also says where Repro runs the strategy.
/// Measured wall time: none (no model is touched).
/// </summary>
public sealed partial class Table05_StrategyApplicability : PaperExperiment
{

    static readonly MetricColumn[] FactColumns =
    {
        MetricColumn.Of(Metric.ApplicableFf),
        MetricColumn.Of(Metric.ApplicableFl),
        MetricColumn.Of(Metric.ApplicableJf),
    };

    /// <summary>Where Repro runs each applicable strategy (or why not).</summary>
    public static IReadOnlyDictionary<string, string> WhereRun { get; } = new Dictionary<string, string>
    {
        ["quantization"] = "FF, FL and JF (QAT, accuracy only as in the paper): Table06_UnpairingQuantization",
        ["pruning"] = "FF and FL (the mask is kept): Table07_UnpairingPruning; JF (the paper's variational-dropout mask, which it reports fails at ~20% accuracy) is not implemented",
        ["distillation"] = "FF, FL and JF (unpairing added to the distillation loss): Table08_UnpairingDistillation",
        ["new-arch"] = "FL: Table09_UnpairingArchitectures (MobileNetV2, SqueezeNet)",
        ["ofa"] = "FL on the most vulnerable sub-network (§VI-F): Table09_UnpairingArchitectures, rows ofa/*; FF is not run (§VI-F: it leaves the sub-networks' relation to the supernet unchanged)",
    };

    public override ExperimentResult Run(RunContext context)
    {
        var result = new ResultBuilder(this, context, FactColumns);
        foreach (var row in StrategyApplicability.All)
        {
            result.Row(row.Mechanism, "", row.Label);
            foreach (int _ in context.Profile.Seeds)
            {
                result.Add(row.Mechanism, Metric.ApplicableFf, row.FinetuneFirst ? 1 : 0);
                result.Add(row.Mechanism, Metric.ApplicableFl, row.FinetuneLast ? 1 : 0);
                result.Add(row.Mechanism, Metric.ApplicableJf, row.Jointly ? 1 : 0);
            }
            result.Detail(row.Mechanism, "reason", row.Reason);
            result.Detail(row.Mechanism, "repro", WhereRun[row.Mechanism]);
        }
        return result.Build();
    }
}
