namespace Repro.Audit;

/// <summary>One hardened sibling: the penalty and λ it was fine-tuned with, where it was written, and its audit.</summary>
public sealed record HardenRun(string Penalty, double Lambda, int Epochs, string Output, double TrainSeconds, AuditReport Audit);

/// <summary>The audit before hardening and one audit per hardened sibling (one λ, or a sweep): what `repro harden` writes.</summary>
public sealed record HardenReport(AuditReport Before, IReadOnlyList<HardenRun> Runs)
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
    /// Whether hardening holds against the adaptive attacker: the best prior still needs at least half the queries of
    /// no prior at all (median), and its fooling rate is not above no prior's by more than the interval allows.
    /// </summary>
    public static string Verdict(AuditReport audit)
    {
        var best = BestPrior(audit);
        var none = audit.Query(AuditReport.WithoutPrior);
        if (best?.MedianQueries is null || none?.MedianQueries is null) return "not measured";
        bool queriesHold = best.MedianQueries.Value >= 0.5 * none.MedianQueries.Value;
        bool rateHolds = best.FoolingRate!.Low <= none.FoolingRate!.High;
        if (queriesHold && rateHolds) return "holds: no use of the sibling beats half of the no-prior attack's queries";
        return best.Label == AuditReport.NegatedPrior
            ? "broken by the adaptive attacker: the negated gradient is a useful prior"
            : "does not hold: the sibling is still a useful prior";
    }
}
