namespace Repro.Audit;

/// <summary>One hardened sibling: the penalty and λ it was fine-tuned with, where it was written, and its audit.</summary>
public sealed record HardenRun(string Penalty, double Lambda, int Epochs, string Output, double TrainSeconds, AuditReport Audit);

/// <summary>
/// The audit before hardening and one audit per hardened sibling (one λ, or a sweep): what `repro harden` writes, with the
/// fine-tuning recipe and the accuracy cost beyond which a sibling counts as unusable.
/// </summary>
public sealed record HardenReport(AuditReport Before, IReadOnlyList<HardenRun> Runs, string Recipe = "", double MaxAccuracyCost = HardenReport.DefaultMaxAccuracyCost)
{
    /// <summary>
    /// The attacker's best use of the sibling as a P-RGF prior: the prior as published or its negated gradient (for a
    /// hardened sibling, the adaptive attacker tries both), by median queries. Null when P-RGF did not run.
    /// </summary>
    public static QueryResult? BestPrior(AuditReport audit) =>
        new[] { audit.Query(AuditReport.WithPrior), audit.Query(AuditReport.NegatedPrior) }
            .Where(q => q?.MedianQueries is not null)
            .OrderBy(q => q!.MedianQueries!.Value)
            .ThenByDescending(q => q!.FoolingRate!.Value)
            .FirstOrDefault();

    /// <summary>
    /// Accuracy points a hardened sibling may lose and still count as the same product (beyond it, no verdict of safety):
    /// above the 10.2 points the harness's own finetune-last costs at mini (Table VI FL, 63.2 -> 53.0, seed band ±6.2),
    /// below the 23-point drop the paper calls "a large accuracy drop" (FF, 91 -> 68%, §VI-B). A collapsed sibling
    /// (chance accuracy) is far beyond it.
    /// </summary>
    public const double DefaultMaxAccuracyCost = 20;

    /// <summary>Accuracy points the sibling lost to hardening (negative: it gained).</summary>
    public static double AccuracyCost(AuditReport audit, AuditReport before) => before.Accuracy.Device - audit.Accuracy.Device;

    /// <summary>The verdict for one hardened sibling under this report's accuracy-cost threshold.</summary>
    public string VerdictOf(AuditReport audit) => Verdict(audit, Before, MaxAccuracyCost);

    /// <summary>
    /// Whether hardening holds against the adaptive attacker, always with the accuracy it cost: the sibling is still usable
    /// (it lost at most <paramref name="maxAccuracyCost"/> points: a collapsed model is a useless prior and a useless
    /// product), and the sibling as published and, where the adaptive attacks ran, its negated gradient each still need at
    /// least half the queries of no prior at all (median) and fool no more than no prior's interval allows.
    /// </summary>
    public static string Verdict(AuditReport audit, AuditReport before, double maxAccuracyCost = DefaultMaxAccuracyCost)
    {
        double cost = AccuracyCost(audit, before);
        string costText = $"accuracy {before.Accuracy.Device:F1}% -> {audit.Accuracy.Device:F1}% ({(cost >= 0 ? "cost" : "gain")} {Math.Abs(cost):F1} points)";
        if (cost > maxAccuracyCost)
            return $"no usable sibling: {costText}, more than the {maxAccuracyCost:G} points allowed (--max-accuracy-cost; try a smaller λ, learning rate or fewer epochs)";
        var none = audit.Query(AuditReport.WithoutPrior);
        var published = audit.Query(AuditReport.WithPrior);
        if (published?.MedianQueries is null || none?.MedianQueries is null) return $"not measured ({costText})";
        string Versus(QueryResult q) => $"median {q.MedianQueries!.Value:F0} queries, FR {q.FoolingRate!.Value:F0}%, against {none.MedianQueries.Value:F0} and {none.FoolingRate!.Value:F0}% without a prior";
        // P-RGF flips a prior whose measured alignment is negative (PriorGuidedRandomGradientFree.AlignPrior), so the
        // published prior and its negation are nearly the same attack: the published one is judged first.
        if (!HoldsAgainst(published, none)) return $"does not hold: the sibling as published is still a useful prior ({Versus(published)}; {costText})";
        var negated = audit.Query(AuditReport.NegatedPrior);
        if (negated?.MedianQueries is not null && !HoldsAgainst(negated, none))
            return $"broken by the adaptive attacker: the negated gradient is a useful prior ({Versus(negated)}; {costText})";
        return $"holds: no use of the sibling beats half of the no-prior attack's queries ({Versus(published)}; {costText})";
    }

    /// <summary>A prior no better than no prior: it needs at least half the no-prior median queries and fools no more than the interval allows.</summary>
    static bool HoldsAgainst(QueryResult prior, QueryResult none) =>
        prior.MedianQueries!.Value >= 0.5 * none.MedianQueries!.Value && prior.FoolingRate!.Low <= none.FoolingRate!.High;
}
