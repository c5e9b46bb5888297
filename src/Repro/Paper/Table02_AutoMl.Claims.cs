using Repro.Metrics;
using Repro.Reporting;
using static Repro.Claims.ClaimRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>
/// The claims Table II backs (§IV-C, "Case study: AutoML"). The transfer columns have no no-prior value ("-"), so "increase"
/// compares the cloud model's own on-device model (AutoML Edge) with the attacker's other on-device models, whose FGSM RFRs
/// (0.03–0.05) are the level the text's "~0.4 → 0.14" (read: 0.04 → 0.14) starts from.
/// </summary>
public sealed partial class Table02_AutoMl
{
    const string Experiment = nameof(Table02_AutoMl);
    const string EdgeRow = "automl-edge";
    const string NoPrior = "no-prior";

    /// <summary>"Low" PGD-10 RFR: above the paper's largest (0.13) by the tolerance its baselines give RFR, below every undefended Table I CIFAR-10 row (0.45 and up).</summary>
    const double LowPgdRfr = 0.2;

    /// <summary>The paper's largest fooling-rate gain of a prior over no prior (SqueezeNet: 35% vs 23%) plus a little: "ineffective".</summary>
    const double WeakFoolingRateGain = 15;

    /// <summary>A prior that cut RayS's mean queries by more than a third would not be "ineffective" (the paper's best: 2731.9 vs 3179.6, 14%).</summary>
    const double WeakQueryFactor = 1.5;

    /// <summary>
    /// The mean of <paramref name="metric"/> over the attacker's rows. Over several seeds: the mean at each seed, spread over
    /// the seeds (the rows of one seed share its cloud model). One seed: each row's uncertainty (the seed spread's σ) taken
    /// as independent, the project's conservative rule.
    /// </summary>
    static MetricValue AttackerMean(ExperimentResult r, Metric metric)
    {
        var values = AttackerRowIds.Select(id => Value(r, id, metric)).ToList();
        int seeds = values[0].PerSeed.Count;
        if (seeds > 1 && values.All(v => v.PerSeed.Count == seeds))
            return MetricValue.FromSeeds(Enumerable.Range(0, seeds).Select(i => values.Average(v => v.PerSeed[i])).ToList(), $"{metric.Key} of the attacker's models");
        return MetricValue.Single(values.Average(v => v.Mean)) with
        {
            Uncertainty = Math.Sqrt(values.Sum(v => U(v) * U(v))) / values.Count,
            UncertaintySeeds = values.Select(v => v.UncertaintySeeds).FirstOrDefault(n => n is not null),
        };
    }

    static string Listing(ExperimentResult r, Metric metric) =>
        string.Join(", ", AttackerRowIds.Select(id => $"{id} {Show(Value(r, id, metric), metric)}"));

    public static Claim AutoMlEdge_MoreThanDoublesFgsm { get; } = new(
        nameof(AutoMlEdge_MoreThanDoublesFgsm), Experiment,
        "Through the label-only 8-bit cloud model, FGSM examples crafted on the cloud model's own on-device model (AutoML Edge) have more than twice the RFR of those crafted on the attacker's other on-device models (their mean)",
        "In FGSM, the vulnerability can increase more than twice (~0.4 → 0.14) if the attacker uses the approximated on-device model f_o'",
        "AutoML Edge 0.14 vs 0.03–0.05 (mean 0.04)",
        r =>
        {
            var edge = Value(r, EdgeRow, Metric.RfrFgsm);
            var others = AttackerMean(r, Metric.RfrFgsm);
            return new ClaimCheck(edge, AtLeastTimes(edge, others, 2),
                $"AutoML Edge {Show(edge, Metric.RfrFgsm)} vs the attacker's models' mean {Show(others, Metric.RfrFgsm)} ({Listing(r, Metric.RfrFgsm)})" +
                (others.Mean > 0 ? FormattableString.Invariant($"; ratio {edge.Mean / others.Mean:0.0}") : ""), EdgeRow, Metric.RfrFgsm);
        });

    public static Claim AutoMlEdge_LeavesPgd10Similar { get; } = new(
        nameof(AutoMlEdge_LeavesPgd10Similar), Experiment,
        "With 8-bit rounding, PGD-10 examples crafted on the cloud model's own on-device model transfer about as well as those of the attacker's other on-device models: their RFRs differ by at most 0.1 from the others' mean",
        "However, we also find that the vulnerability remains similar in PGD-10", "AutoML Edge 0.10 vs 0.07–0.13 (mean 0.105)",
        r =>
        {
            var edge = Value(r, EdgeRow, Metric.RfrPgd10);
            var others = AttackerMean(r, Metric.RfrPgd10);
            return new ClaimCheck(edge, DifferenceAtMost(edge, others, 0.1) & DifferenceAtMost(others, edge, 0.1),
                $"AutoML Edge {Show(edge, Metric.RfrPgd10)} vs the attacker's models' mean {Show(others, Metric.RfrPgd10)} ({Listing(r, Metric.RfrPgd10)})", EdgeRow, Metric.RfrPgd10);
        });

    public static Claim Pgd10_LowAcrossTheBoard { get; } = new(
        nameof(Pgd10_LowAcrossTheBoard), Experiment,
        $"Through the label-only 8-bit cloud model, PGD-10's RFR is low (at most {F(LowPgdRfr)}) for most on-device models (more than half of the rows)",
        "In most PGD-10 cases, the accuracy drop caused by adversarial examples is low across the board", "0.07–0.13 on every row",
        r =>
        {
            var ids = PriorRowIds.ToList();
            var judged = ids.Select(id => (Id: id, Judgement: AtMost(Value(r, id, Metric.RfrPgd10), LowPgdRfr))).ToList();
            int holds = judged.Count(j => j.Judgement.IsHolds), possible = judged.Count(j => !j.Judgement.IsFails);
            var verdict = Judgement.Of(2 * holds > ids.Count, 2 * possible <= ids.Count);
            var highest = ids.MaxBy(id => Value(r, id, Metric.RfrPgd10).Mean)!;
            return new ClaimCheck(Value(r, highest, Metric.RfrPgd10), verdict,
                string.Join(", ", ids.Select(id => $"{id} {Show(Value(r, id, Metric.RfrPgd10), Metric.RfrPgd10)}")) +
                $"; at most {F(LowPgdRfr)}: {holds} of {ids.Count} clearly, {possible - holds} within the uncertainty", highest, Metric.RfrPgd10);
        });

    public static Claim LabelOnlyQueryAttack_PriorsDoNotHelpMuch { get; } = new(
        nameof(LabelOnlyQueryAttack_PriorsDoNotHelpMuch), Experiment,
        $"Against the label-only 8-bit cloud model, no on-device prior makes the adapted query attack much stronger than no prior: with every prior, RayS's fooling rate is at most {F(WeakFoolingRateGain)} points above the no-prior row's and its mean queries at least 1/{F(WeakQueryFactor)} of the no-prior row's",
        "we also find that ... our adaptive optimization-based attack is ineffective", "FR 20–35% vs 23% without a prior; # Q 2731.9–3254.4 vs 3179.6",
        r =>
        {
            var frNone = Value(r, NoPrior, Metric.FoolingRate);
            var qNone = Value(r, NoPrior, Metric.Queries);
            var ids = PriorRowIds.ToList();
            var judged = ids.Select(id =>
            {
                var fr = Value(r, id, Metric.FoolingRate);
                var q = Value(r, id, Metric.Queries);
                return (Id: id, Judgement: DifferenceAtMost(fr, frNone, WeakFoolingRateGain) & AtLeastTimes(q, qNone, 1 / WeakQueryFactor));
            }).ToList();
            var strongest = ids.MaxBy(id => Value(r, id, Metric.FoolingRate).Mean)!;
            var failing = judged.Where(j => !j.Judgement.IsHolds).Select(j => j.Id).ToList();
            return new ClaimCheck(Value(r, strongest, Metric.FoolingRate), Judgement.All(judged.Select(j => j.Judgement)),
                $"no prior: FR {Show(frNone, Metric.FoolingRate)}, # Q {Show(qNone, Metric.Queries)}; " +
                string.Join("; ", ids.Select(id => $"{id}: FR {Show(Value(r, id, Metric.FoolingRate), Metric.FoolingRate)}, # Q {Show(Value(r, id, Metric.Queries), Metric.Queries)}")) +
                (failing.Count == 0 ? "" : $"; not clearly weak: {string.Join(", ", failing)}"), strongest, Metric.FoolingRate);
        });

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[]
    {
        AutoMlEdge_MoreThanDoublesFgsm, AutoMlEdge_LeavesPgd10Similar, Pgd10_LowAcrossTheBoard, LabelOnlyQueryAttack_PriorsDoNotHelpMuch,
    };
}
