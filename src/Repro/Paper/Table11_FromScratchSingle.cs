using Repro.Defense;
using Repro.Profiles;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;

namespace Repro.Paper;

/// <summary>
/// Table XI (Appendix F): the on-device model trained from scratch (the server's architecture, the "a new"
/// seed and schedule) with one similarity penalty against the server, instead of fine-tuned. λ = 0 is
/// exactly "Baseline (a new)" of Table I (same recipe, same cached model). A reference row measures Table
/// III's fine-tuned input-gradient model, for the claim "training from scratch does not offer more reduction".
/// Backs: the input-gradient penalty reduces the vulnerability at little accuracy cost; output and feature
/// penalties cost 7–15 points of accuracy.
/// Measured wall time (2 shared cores): mini (the output penalty at λ = 1 only) about 3 minutes;
/// mini-full (15 trainings from scratch, 10 with double backprop) about 80 minutes; warm cache, seconds.
/// </summary>
public sealed partial class Table11_FromScratchSingle : PaperExperiment
{

    public const string FinetunedRow = "reference/finetuned-input-1.0";

    public override ExperimentResult Run(RunContext context)
    {
        var settings = context.Profile.Unpairing;
        var paper = PaperProfile.Create().Unpairing;
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        var evaluator = context.Evaluator();
        var measured = UnpairingMeasurement.SingleGridRows(result, context.Profile.Name, "training from scratch with ",
            (paper.FromScratchObjectives, paper.FromScratchLambdas), ("Unpairing.FromScratchObjectives", settings.FromScratchObjectives),
            ("Unpairing.FromScratchLambdas", settings.FromScratchLambdas), Table03_UnpairingSingleObjective.Groups);
        result.Row(FinetunedRow, "Reference (Table III)", "input-gradient penalty, λ = 1, fine-tuned instead");
        var work = context.Profile.Seeds.SelectMany(seed => measured
            .Select(m => (m.Id, Server: context.Zoo.Server(seed), Device: context.Unpaired.FromScratch(seed, new[] { UnpairingPenalty.Create(m.Location, m.Lambda) })))
            .Append((Id: FinetunedRow, Server: context.Zoo.Server(seed), Device: context.Unpaired.Finetuned(seed, new[] { new InputGradientPenalty(1) })))).ToList();
        // Input-gradient training from scratch (double backprop for the whole schedule) is the costliest: it starts first.
        UnpairingMeasurement.Warm(context, evaluator, work.OrderByDescending(w => w.Id.StartsWith("input/", StringComparison.Ordinal)).Select(w => (w.Server, w.Device)));
        foreach (var (id, server, device) in work) UnpairingMeasurement.Measure(result, evaluator, id, server, device);
        return result.Build();
    }
}
