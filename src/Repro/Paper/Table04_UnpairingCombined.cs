using Repro.Defense;
using Repro.Profiles;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;

namespace Repro.Paper;

/// <summary>
/// Table IV: the server fine-tuned with the output and the input-gradient penalties together (λ1, λ2),
/// as in Table III. Two reference rows measure Table III's λ = 0 and input-only λ = 1 fine-tunes (the
/// same cached models), so the claim "combining reduces the vulnerability only slightly beyond the
/// input-gradient penalty alone" is checked within one table.
/// Measured wall time (2 shared cores, Table III's models cached): mini about 1.5 minutes (one pair),
/// mini-full about 12 minutes (nine pairs); warm cache, seconds.
/// </summary>
public sealed partial class Table04_UnpairingCombined : PaperExperiment
{

    public const string BaselineRow = "reference/0.0";
    public const string InputOnlyRow = "reference/input-1.0";

    public override ExperimentResult Run(RunContext context)
    {
        var settings = context.Profile.Unpairing;
        var paper = PaperProfile.Create().Unpairing;
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        var evaluator = context.Evaluator();
        var measured = UnpairingMeasurement.PairGridRows(result, context.Profile.Name, "", paper.CombinedLambdas, ("Unpairing.CombinedLambdas", settings.CombinedLambdas));
        result.Row(BaselineRow, "Reference (Table III)", "λ = 0 fine-tune");
        result.Row(InputOnlyRow, "Reference (Table III)", "input-gradient penalty alone, λ = 1");
        var rows = measured.Append((Id: BaselineRow, Pair: new LambdaPair(0, 0))).Append((Id: InputOnlyRow, Pair: new LambdaPair(0, 1))).ToList();
        var work = context.Profile.Seeds.SelectMany(seed => rows.Select(r =>
            (r.Id, Server: context.Zoo.Server(seed), Device: context.Unpaired.Finetuned(seed, Penalties(r.Pair))))).ToList();
        UnpairingMeasurement.Warm(context, evaluator, work.Select(w => (w.Server, w.Device)));
        foreach (var w in work) UnpairingMeasurement.Measure(result, evaluator, w.Id, w.Server, w.Device);
        return result.Build();
    }

    /// <summary>λ1 on the logits, λ2 on the input-gradients.</summary>
    public static IReadOnlyList<UnpairingPenalty> Penalties(LambdaPair pair) => new UnpairingPenalty[] { new LogitPenalty(pair.Output), new InputGradientPenalty(pair.Input) };
}
