using Repro.Metrics;
using Repro.Profiles;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;

namespace Repro.Paper;

/// <summary>
/// Table XIII (Appendix H, scenarios 1 and 2): Table I's analysis with a PGD-7 adversarially trained server. Its 8-bit,
/// pruned and distilled siblings are made from it by Table I's mechanisms (scenario 1); the NASNet, MobileNetV2 and
/// SqueezeNet siblings are themselves trained adversarially (scenario 2). Four reference rows re-read Table I's pairs
/// against the undefended server (the same cached evaluations), which the text compares with.
/// Backs Appendix H: the robust server loses 10-20 points of accuracy; its quantized and pruned siblings still transfer
/// (RFR 0.8-1.0); new architectures transfer more than from the undefended server; the query attack weakens against it.
/// </summary>
public sealed partial class Table13_RobustServerPriors : PaperExperiment
{
    const string Robust = "CIFAR10 (robust server)";
    const string Undefended = "Reference: Table I (undefended server)";

    static ModelHandle RobustServer(RunContext c, int seed) => c.Robust.Server(seed);
    static ModelHandle UndefendedServer(RunContext c, int seed) => c.Zoo.Server(seed);

    static Func<RunContext, string?> StudentRuns(DistillationStudent student) => c => c.Profile.Robust.DistillationStudents.Contains(student) ? null
        : $"the {student.Id()} student is not among profile '{c.Profile.Name}''s robust-server students (Robust.DistillationStudents = [{string.Join(", ", c.Profile.Robust.DistillationStudents.Select(s => s.Id()))}]); the paper-grid profiles run it";

    static string? ANewRuns(RunContext c) => c.Profile.Robust.IncludeANew ? null
        : $"profile '{c.Profile.Name}' does not retrain the robust server at another seed (Robust.IncludeANew = false; see its deviations); the paper-grid profiles run it";

    /// <summary>The rows whose query attack every profile runs: the query claim's priors, no prior, and Table I's references.</summary>
    static bool QueryKept(string id) => id is "cifar10/as-is" or "cifar10/no-prior" or "cifar10/quantization" or "cifar10/pruning" || id.StartsWith("table1/", StringComparison.Ordinal);

    static string? ManualRuns(RunContext c) => c.Profile.Robust.ManualArchitectureLeftOut(c.Profile.Name);

    /// <summary>Table XIII's rows (Table I's ids), measured against the robust server.</summary>
    public static IReadOnlyList<Table01_OnDevicePriors.PriorRow> RobustRows { get; } = new Table01_OnDevicePriors.PriorRow[]
    {
        new("cifar10/as-is", Robust, "Baseline (as-is) — the robust server itself", RobustServer, RobustServer),
        new("cifar10/a-new", Robust, "Baseline (a new) — server architecture, adversarially retrained", RobustServer, (c, s) => c.Robust.ANew(s), ANewRuns),
        new("cifar10/no-prior", Robust, "Baseline (no f_o)", RobustServer, (_, _) => null),
        new("cifar10/quantization", Robust, "Quantization — the robust server in 8 bits", RobustServer, (c, s) => c.Zoo.Quantized(c.Robust.Server(s), s, "robust quantized")),
        new("cifar10/pruning", Robust, "Pruning — the robust server, l1-unstructured", RobustServer, (c, s) => c.Zoo.Pruned(c.Robust.Server(s), s, "robust pruned")),
        new("cifar10/distillation-resnet18", Robust, "Distillation — ResNet18 distilled from the robust server", RobustServer,
            (c, s) => c.Zoo.Distilled(c.Profile.Models.ResNet18, c.Robust.Server(s), s, "distilled from robust"), StudentRuns(DistillationStudent.ResNet18)),
        new("cifar10/distillation-nasnet", Robust, "Distillation — NASNet distilled from the robust server", RobustServer,
            (c, s) => c.Zoo.Distilled(c.Profile.Models.NasNet, c.Robust.Server(s), s, "distilled from robust"), StudentRuns(DistillationStudent.NasNet)),
        new("cifar10/nas-nasnet", Robust, "NAS — NASNet, adversarially trained", RobustServer, (c, s) => c.Robust.Trained("nas", c.Profile.Models.NasNet, s)),
        new("cifar10/manual-mobilenetv2", Robust, "Manual-arch. — MobileNetV2, adversarially trained", RobustServer, (c, s) => c.Robust.Trained("manual", c.Profile.Models.MobileNetV2, s), ManualRuns),
        new("cifar10/manual-squeezenet", Robust, "Manual-arch. — SqueezeNet, adversarially trained", RobustServer, (c, s) => c.Robust.Trained("manual", c.Profile.Models.SqueezeNet, s), ManualRuns),
    };

    /// <summary>Table I's pairs the text compares with: the undefended server as its own prior, and the three new architectures.</summary>
    public static IReadOnlyList<Table01_OnDevicePriors.PriorRow> ReferenceRows { get; } = new Table01_OnDevicePriors.PriorRow[]
    {
        new("table1/as-is", Undefended, "Baseline (as-is) — the undefended server itself", UndefendedServer, UndefendedServer),
        new("table1/nas-nasnet", Undefended, "NAS — NASNet, trained from scratch", UndefendedServer, (c, s) => c.Zoo.Trained("nas", c.Profile.Models.NasNet, s)),
        new("table1/manual-mobilenetv2", Undefended, "Manual-arch. — MobileNetV2, trained from scratch", UndefendedServer, (c, s) => c.Zoo.Trained("manual", c.Profile.Models.MobileNetV2, s)),
        new("table1/manual-squeezenet", Undefended, "Manual-arch. — SqueezeNet, trained from scratch", UndefendedServer, (c, s) => c.Zoo.Trained("manual", c.Profile.Models.SqueezeNet, s)),
    };

    public override ExperimentResult Run(RunContext context)
    {
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        // The profile's samples, as Table I: the reference rows are Table I's own (cached) evaluations.
        var evaluator = context.Evaluator();
        var rows = RobustRows.Concat(ReferenceRows).ToList();
        foreach (var row in rows) result.Row(row.Id, row.Group, row.Label);
        VulnerabilityMeasurement.MeasureRows(result, context, evaluator, rows, Cost, id => QueryLeftOut(context, id));
        return result.Build();
    }

    static string? QueryLeftOut(RunContext c, string id) => c.Profile.Robust.QueryAttackLeftOut(c.Profile.Name, QueryKept(id));

    /// <summary>Adversarial trainings first (NASNet's the longest), then distillations and the 'a new' retraining, cheap derivations last.</summary>
    static int Cost(string id) => id switch
    {
        _ when id.StartsWith("table1/", StringComparison.Ordinal) => 0,
        _ when id.Contains("nasnet", StringComparison.Ordinal) => 4,
        _ when id.Contains("manual", StringComparison.Ordinal) || id.EndsWith("/a-new", StringComparison.Ordinal) => 3,
        _ when id.Contains("distillation", StringComparison.Ordinal) => 2,
        _ => 1,
    };
}
