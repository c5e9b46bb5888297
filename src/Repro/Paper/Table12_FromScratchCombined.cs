using Repro.Profiles;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;

namespace Repro.Paper;

/// <summary>
/// Table XII (Appendix F): trained from scratch with the output and input-gradient penalties together
/// (λ1, λ2). A reference row measures λ = 0, which is "Baseline (a new)" (the same cached model).
/// Backs: a strong input-gradient term (λ2 = 1) from scratch reduces the vulnerability as much as the best
/// fine-tune; a strong output term (λ1 = 1) costs accuracy.
/// Measured wall time (2 shared cores): mini (no pair: every pair trains from scratch with double backprop,
/// beyond the default test budget; only the reference row) seconds once Table I's "a new" is cached;
/// mini-full (nine trainings from scratch) about 60 minutes; warm cache, seconds.
/// </summary>
public sealed partial class Table12_FromScratchCombined : PaperExperiment
{

    public const string BaselineRow = "reference/0.0";

    public override ExperimentResult Run(RunContext context)
    {
        var settings = context.Profile.Unpairing;
        var paper = PaperProfile.Create().Unpairing;
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        var evaluator = context.Evaluator();
        var measured = UnpairingMeasurement.PairGridRows(result, context.Profile.Name, "training from scratch with ", paper.FromScratchCombinedLambdas,
            ("Unpairing.FromScratchCombinedLambdas", settings.FromScratchCombinedLambdas));
        result.Row(BaselineRow, "Reference (Table XI)", "λ = 0: Baseline (a new)");
        var work = context.Profile.Seeds.SelectMany(seed => measured.Append((Id: BaselineRow, Pair: new LambdaPair(0, 0)))
            .Select(m => (m.Id, Server: context.Zoo.Server(seed), Device: context.Unpaired.FromScratch(seed, Table04_UnpairingCombined.Penalties(m.Pair))))).ToList();
        UnpairingMeasurement.Warm(context, evaluator, work.Select(w => (w.Server, w.Device)));
        foreach (var (id, server, device) in work) UnpairingMeasurement.Measure(result, evaluator, id, server, device);
        return result.Build();
    }
}
