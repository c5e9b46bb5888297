namespace Repro.Experiments.Evaluation;

/// <summary>Summary of one P-RGF (or RGF, without a prior) run against the server on the query samples.</summary>
public sealed record QueryOutcome(
    int Samples,
    int Attacked,
    int Fooled,
    double FoolingRate,
    double MeanQueries,
    double? MeanQueriesOnSuccess,
    double MeanImagesSent,
    long MaxQueriesCharged,
    long QueryBudget,
    double Seconds);
