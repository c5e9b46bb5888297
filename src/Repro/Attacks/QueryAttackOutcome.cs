namespace Repro.Attacks;

/// <summary>
/// What a query attack did to one sample. Counts are the oracle's, never the attack's own (DESIGN.md §2).
/// </summary>
/// <param name="Sample">Position of the sample in the attacked batch.</param>
/// <param name="Skipped">The server already misclassified the clean image: not attacked, not in FR's denominator.</param>
/// <param name="Fooled">An evaluated iterate's top-1 label differed from the true label within the budget.</param>
/// <param name="QueriesCharged">Queries charged to the sample: the paper's "# Queries" for a success.</param>
/// <param name="ImagesSent">Every image evaluated for the sample, the uncharged clean image included.</param>
/// <param name="Iterations">Steps taken and evaluated.</param>
public sealed record QueryAttackOutcome(int Sample, bool Skipped, bool Fooled, long QueriesCharged, long ImagesSent, int Iterations)
{
    public bool Attacked => !Skipped;
}
