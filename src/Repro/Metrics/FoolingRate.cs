using Repro.Attacks;

namespace Repro.Metrics;

/// <summary>
/// FR (§IV-A, Metrics (2)): the percentage of attacked samples fooled within the query budget. Samples the
/// server already misclassified are not attacked and are not in the denominator (ProtocolChoices
/// "Query.AttackedSamples").
/// </summary>
public static class FoolingRate
{

    public static double Compute(IReadOnlyList<QueryAttackOutcome> outcomes)
    {
        int attacked = outcomes.Count(o => o.Attacked);
        if (attacked == 0)
            throw new ArgumentException(
                $"fooling rate is undefined: none of the {outcomes.Count} samples was attacked (the server misclassified every clean image, or there were none)");
        return 100.0 * outcomes.Count(o => o.Attacked && o.Fooled) / attacked;
    }
}
