namespace Repro.Attacks;

/// <summary>
/// A query that would push a sample's charged count past the budget. The oracle refuses it outright
/// (strict rule): the reference P-RGF tests its budget only at the loop head and can overshoot within
/// its last iteration (PAPER-NOTES §3.9), so an attack here must check before it asks, and stop the sample.
/// </summary>
public sealed class QueryBudgetExceededException : InvalidOperationException
{
    public QueryBudgetExceededException(int sample, long charged, long requested, long budget)
        : base($"sample {sample}: {charged} queries already charged, this call would add {requested}, " +
               $"which exceeds the budget of {budget}. The oracle refuses rather than overshoot (strict budget rule); " +
               "the attack must stop a sample whose next query does not fit.")
    {
        Sample = sample;
        Charged = charged;
        Requested = requested;
        Budget = budget;
    }

    public int Sample { get; }
    public long Charged { get; }
    public long Requested { get; }
    public long Budget { get; }
}
