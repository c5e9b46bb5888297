using Repro.Defense;
using Repro.Reporting;
using Repro.Harness;

namespace Repro.Paper;

/// <summary>
/// §VI-D's comparison (text only): the server distilled into the ResNet18 student by Goldblum et al.'s adversarially robust
/// distillation (ARD, the paper's [70]; PGD on the student, KL to the teacher's clean outputs at T = 30), beside Table VIII's
/// plainly distilled student (baseline) and its finetune-last unpaired student, all three as priors against the server.
/// The teacher is the undefended server (ProtocolChoices "Robust.DistillationTeacher"). Models and evaluations of the
/// first two rows are Table VIII's (cached); only ARD's student and its evaluations are new.
/// Backs §VI-D: robust distillation reduces the vulnerability about as much as unpairing, at a 10-15-point accuracy cost.
/// </summary>
public sealed partial class Section6D_RobustDistillation : PaperExperiment
{
    public static IReadOnlyList<Table01_OnDevicePriors.PriorRow> Rows { get; } = new Table01_OnDevicePriors.PriorRow[]
    {
        new("resnet18/baseline", "ResNet18", "Distillation (Table VIII's baseline)", (c, s) => c.Zoo.Server(s), (c, s) => c.Zoo.Distilled(c.Profile.Models.ResNet18, s)),
        new("resnet18/fl", "ResNet18", "Similarity-unpairing, finetune-last (Table VIII)", (c, s) => c.Zoo.Server(s),
            (c, s) => c.Unpaired.Distilled(c.Profile.Models.ResNet18, UnpairingStrategy.FinetuneLast, s)),
        new("resnet18/ard", "ResNet18", "Adversarially robust distillation (Goldblum et al.)", (c, s) => c.Zoo.Server(s),
            (c, s) => c.Robust.Distilled(c.Profile.Models.ResNet18, c.Zoo.Server(s), s)),
    };

    public override ExperimentResult Run(RunContext context)
    {
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        foreach (var row in Rows) result.Row(row.Id, row.Group, row.Label);
        // Table VIII's evaluator (the profile's samples): its baseline and FL evaluations are shared from the cache.
        var evaluator = context.Evaluator();
        context.ForEach(Rows.Reverse().SelectMany(r => context.Profile.Seeds.Select(seed => (Row: r, Seed: seed))),
            w => VulnerabilityMeasurement.Warm(evaluator, w.Row.Server(context, w.Seed), w.Row.Device(context, w.Seed)));
        foreach (var row in Rows)
            foreach (int seed in context.Profile.Seeds)
                VulnerabilityMeasurement.Measure(result, evaluator, row.Id, row.Server(context, seed), row.Device(context, seed));
        return result.Build();
    }
}
