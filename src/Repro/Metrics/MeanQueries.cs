using Repro.Attacks;

namespace Repro.Metrics;

/// <summary>
/// "# Queries" (§IV-A, Metrics (2)) in its two readings (PAPER-NOTES §2.11). The paper comparison uses
/// <see cref="OverAttacked"/>: every Table I row with FR below 100 % has # Queries >= (1 - FR) x 4000,
/// which only an average that counts failures at the budget produces. The reference's log reports
/// <see cref="OverSuccesses"/>.
/// </summary>
public static class MeanQueries
{

    /// <summary>Mean charged queries over attacked samples, each failure counted as the full <paramref name="budget"/>.</summary>
    public static double OverAttacked(IReadOnlyList<QueryAttackOutcome> outcomes, long budget)
    {
        if (budget < 0) throw new ArgumentOutOfRangeException(nameof(budget), budget, "must be >= 0");
        var attacked = outcomes.Where(o => o.Attacked).ToList();
        if (attacked.Count == 0)
            throw new ArgumentException($"mean queries is undefined: none of the {outcomes.Count} samples was attacked");
        foreach (var o in attacked)
            if (o.QueriesCharged < 0 || o.QueriesCharged > budget)
                throw new ArgumentException($"sample {o.Sample}: {o.QueriesCharged} queries charged, outside [0, {budget}]: the budget was not enforced");
        return attacked.Average(o => o.Fooled ? o.QueriesCharged : (double)budget);
    }

    /// <summary>Mean charged queries over fooled samples only; null (not NaN) when no sample was fooled.</summary>
    public static double? OverSuccesses(IReadOnlyList<QueryAttackOutcome> outcomes)
    {
        var fooled = outcomes.Where(o => o.Attacked && o.Fooled).ToList();
        return fooled.Count == 0 ? null : fooled.Average(o => (double)o.QueriesCharged);
    }
}
