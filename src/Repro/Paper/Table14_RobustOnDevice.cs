using Repro.Profiles;
using Repro.Reporting;
using Repro.Harness;

namespace Repro.Paper;

/// <summary>
/// Table XIV (Appendix H, scenario 3): robust on-device models against the undefended server. Each robust model is
/// adversarially trained (PGD-7) and used as the attacker's prior, beside the server itself (as-is) and Table IV's unpaired
/// server (λ1 = λ2 = 1, "ours"; the same cached model). The robust ResNet50-architecture sibling is Table XIII's robust
/// server, and its NASNet, MobileNetV2 and SqueezeNet are Table XIII's scenario-2 models: one model per recipe.
/// Backs Appendix H: robust siblings cut FGSM RFR to a few hundredths and PGD-10 RFR to 0.2-0.4 at a 10-18-point accuracy
/// cost; the unpaired sibling keeps its accuracy and reduces the vulnerability at least as much.
/// </summary>
public sealed partial class Table14_RobustOnDevice : PaperExperiment
{
    const string Group = "Undefended server";

    static ModelHandle Server(RunContext c, int seed) => c.Zoo.Server(seed);

    static string? ManualRuns(RunContext c) => c.Profile.Robust.ManualArchitectureLeftOut(c.Profile.Name);

    /// <summary>Table XIV's rows: the two baselines, then the robust on-device models.</summary>
    public static IReadOnlyList<Table01_OnDevicePriors.PriorRow> Rows { get; } = new Table01_OnDevicePriors.PriorRow[]
    {
        new("cifar10/as-is", Group, "Server architecture (as-is)", Server, Server),
        new("cifar10/ours", Group, "Server architecture (ours: Table IV's λ1 = λ2 = 1 fine-tune)", Server,
            (c, s) => c.Unpaired.Finetuned(s, Table04_UnpairingCombined.Penalties(new LambdaPair(1, 1)))),
        new("cifar10/robust-resnet50", Group, "Server architecture, adversarially trained (Table XIII's robust server)", Server, (c, s) => c.Robust.Server(s)),
        new("cifar10/robust-resnet18", Group, "ResNet18, adversarially trained", Server, (c, s) => c.Robust.Trained("resnet18", c.Profile.Models.ResNet18, s)),
        new("cifar10/robust-nasnet", Group, "NASNet, adversarially trained", Server, (c, s) => c.Robust.Trained("nas", c.Profile.Models.NasNet, s)),
        new("cifar10/robust-mobilenetv2", Group, "MobileNetV2, adversarially trained", Server, (c, s) => c.Robust.Trained("manual", c.Profile.Models.MobileNetV2, s), ManualRuns),
        new("cifar10/robust-squeezenet", Group, "SqueezeNet, adversarially trained", Server, (c, s) => c.Robust.Trained("manual", c.Profile.Models.SqueezeNet, s), ManualRuns),
    };

    public override ExperimentResult Run(RunContext context)
    {
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        foreach (var row in Rows) result.Row(row.Id, row.Group, row.Label);
        // The profile's samples, as Tables I and IV: the as-is and unpaired rows are their (cached) evaluations.
        var evaluator = context.Evaluator();
        VulnerabilityMeasurement.MeasureRows(result, context, evaluator, Rows, Cost, id => QueryLeftOut(context, id));
        return result.Build();
    }

    /// <summary>The robust priors' query attacks are the long ones (most samples spend the budget); the undefended two always run.</summary>
    static string? QueryLeftOut(RunContext c, string id) =>
        c.Profile.Robust.QueryAttackLeftOut(c.Profile.Name, keptRow: !id.StartsWith("cifar10/robust-", StringComparison.Ordinal));

    static int Cost(string id) => id switch
    {
        _ when id.Contains("nasnet", StringComparison.Ordinal) => 4,
        _ when id.Contains("resnet18", StringComparison.Ordinal) => 3,
        _ when id.StartsWith("cifar10/robust-", StringComparison.Ordinal) => 2,
        _ when id.EndsWith("/ours", StringComparison.Ordinal) => 1,
        _ => 0,
    };
}
