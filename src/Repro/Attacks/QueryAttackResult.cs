using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// One query-attack run: the per-sample outcomes, the budget they ran under and, if asked for, the final
/// iterates. The summary properties are the paper's metrics (FR, # Queries) computed from the outcomes.
/// </summary>
public sealed class QueryAttackResult : IDisposable
{
    public QueryAttackResult(IReadOnlyList<QueryAttackOutcome> outcomes, long queryBudget, Tensor? adversarialImages)
    {
        Outcomes = outcomes;
        QueryBudget = queryBudget;
        AdversarialImages = adversarialImages;
    }

    public IReadOnlyList<QueryAttackOutcome> Outcomes { get; }
    public long QueryBudget { get; }

    /// <summary>[N, C, H, W]: row i is sample i's last evaluated iterate (its clean image if skipped); null unless requested.</summary>
    public Tensor? AdversarialImages { get; }

    public int Skipped => Outcomes.Count(o => o.Skipped);
    public int Attacked => Outcomes.Count(o => o.Attacked);
    public int Fooled => Outcomes.Count(o => o.Attacked && o.Fooled);
    public long TotalImagesSent => Outcomes.Sum(o => o.ImagesSent);
    public long TotalQueriesCharged => Outcomes.Sum(o => o.QueriesCharged);

    // FR and # Queries are metrics of these outcomes: Metrics.FoolingRate and Metrics.MeanQueries compute them.

    public void Dispose() => AdversarialImages?.Dispose();
}
