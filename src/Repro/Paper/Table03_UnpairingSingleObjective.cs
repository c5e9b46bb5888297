using Repro.Metrics;
using Repro.Defense;
using Repro.Profiles;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;

namespace Repro.Paper;

/// <summary>
/// Table III: the server fine-tuned with one similarity penalty at a time (output, input-gradient or
/// penultimate-activation cosine to the original, weight λ) for 10% of its training epochs, then used as
/// the attacker's prior against the original server. Backs the claims "penalising input-gradient
/// similarity is the effective defense (RFR below 0.09, FR 100% to 15%, accuracy kept)", "the output penalty
/// helps less" and "the activation penalty does not help". All three λ = 0 rows are one fine-tune (the
/// objective is plain cross-entropy), measured once.
/// Measured wall time (2 shared cores, cold cache beyond Table I's server): mini about 3 minutes,
/// mini-full about 12 minutes; warm cache, seconds.
/// </summary>
public sealed partial class Table03_UnpairingSingleObjective : PaperExperiment
{

    public static IReadOnlyDictionary<PenaltyLocation, string> Groups { get; } = new Dictionary<PenaltyLocation, string>
    {
        [PenaltyLocation.Output] = "Penalize Output-level Sim.",
        [PenaltyLocation.Input] = "Penalize Input-level Sim.",
        [PenaltyLocation.Feature] = "Penalize Feature-level Sim.",
    };

    /// <summary>The reference row of profiles with <see cref="UnpairingSettings.NoPriorReference"/>: P-RGF with no prior.</summary>
    public const string NoPriorRow = "reference/no-prior";

    public override ExperimentResult Run(RunContext context)
    {
        var settings = context.Profile.Unpairing;
        var paper = PaperProfile.Create().Unpairing;
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        var evaluator = context.Evaluator();
        var measured = UnpairingMeasurement.SingleGridRows(result, context.Profile.Name, "", (paper.SingleObjectives, paper.SingleLambdas),
            ("Unpairing.SingleObjectives", settings.SingleObjectives), ("Unpairing.SingleLambdas", settings.SingleLambdas), Groups);
        var work = context.Profile.Seeds.SelectMany(seed => measured.Select(m =>
            (m.Id, Seed: seed, Server: context.Zoo.Server(seed), Device: context.Unpaired.Finetuned(seed, new[] { UnpairingPenalty.Create(m.Location, m.Lambda) })))).ToList();
        // Double backprop makes the input-gradient fine-tunes the costliest: they start first.
        UnpairingMeasurement.Warm(context, evaluator, work.OrderByDescending(w => w.Id.StartsWith("input/", StringComparison.Ordinal)).Select(w => (w.Server, w.Device)));
        foreach (var w in work) UnpairingMeasurement.Measure(result, evaluator, w.Id, w.Server, w.Device);
        if (settings.NoPriorReference)
        {
            result.Row(NoPriorRow, "Reference", "Baseline (no f_o)");
            foreach (int seed in context.Profile.Seeds) VulnerabilityMeasurement.Measure(result, evaluator, NoPriorRow, context.Zoo.Server(seed), null);
        }
        foreach (int seed in context.Profile.Seeds)
            if (measured.Count > 0) result.Add(measured[0].Id, Metric.ServerAccuracy, evaluator.TestAccuracy(context.Zoo.Server(seed)));
        return result.Build();
    }
}
