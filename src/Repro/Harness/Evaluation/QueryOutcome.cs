namespace Repro.Harness.Evaluation;

/// <summary>
/// Summary of one P-RGF (or RGF, without a prior) run against the server on the query samples.
/// Fooling rate and mean queries are null when no sample could be attacked (the server misclassified
/// every clean one), which only happens with servers that barely learned (smoke scale).
/// </summary>
public sealed record QueryOutcome(
    int Samples,
    int Attacked,
    int Fooled,
    double? FoolingRate,
    double? MeanQueries,
    double? MeanQueriesOnSuccess,
    double MeanImagesSent,
    long MaxQueriesCharged,
    long QueryBudget,
    double Seconds);
