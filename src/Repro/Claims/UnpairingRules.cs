using Repro.Metrics;
using static Repro.Claims.ClaimRules;

namespace Repro.Claims;

/// <summary>
/// The comparisons the unpairing tables' claims share, with one materiality bar for all of them, taken
/// from the paper-comparison bands (baselines/paper/README.md) rather than from any measurement: a defense
/// "reduces the vulnerability" when both RFRs fall by at least 0.1, P-RGF needs at least twice the queries
/// and fools at least 10 points fewer samples, each beyond the spread over seeds.
/// </summary>
public static class UnpairingRules
{
    public const double RfrMargin = 0.1;
    public const double QueryFactor = 2;
    public const double FoolingRateMargin = 10;

    /// <summary>Accuracy "within a point or two" of the baseline (the design card's words).</summary>
    public const double AccuracyPoints = 2;

    /// <summary>Whether <paramref name="defended"/> is materially less vulnerable than <paramref name="baseline"/> on all four attack metrics.</summary>
    public static ClaimCheck ReducesVulnerability(Reporting.ExperimentResult r, string defended, string baseline)
    {
        var (fgsm, pgd, q, fr) = Attack(r, defended);
        var (fgsm0, pgd0, q0, fr0) = Attack(r, baseline);
        Judgement holds = Above(fgsm0, fgsm, RfrMargin) && Above(pgd0, pgd, RfrMargin) && TimesBelow(q0, q, QueryFactor) && Above(fr0, fr, FoolingRateMargin);
        return new ClaimCheck(pgd, holds,
            $"{defended} vs {baseline}: RFR FGSM {Show(fgsm, Metric.RfrFgsm)} vs {Show(fgsm0, Metric.RfrFgsm)}, PGD-10 {Show(pgd, Metric.RfrPgd10)} vs {Show(pgd0, Metric.RfrPgd10)}, " +
            $"# Queries {Show(q, Metric.Queries)} vs {Show(q0, Metric.Queries)}, FR {Show(fr, Metric.FoolingRate)} vs {Show(fr0, Metric.FoolingRate)} " +
            $"(needs both RFRs {F(RfrMargin)} lower, {F(QueryFactor)}x the queries and FR {F(FoolingRateMargin)} points lower)", defended, Metric.RfrPgd10);
    }

    /// <summary>Whether <paramref name="better"/> is less vulnerable than <paramref name="worse"/> on all four attack metrics (any margin).</summary>
    public static ClaimCheck LessVulnerableThan(Reporting.ExperimentResult r, string better, string worse)
    {
        var (fgsm, pgd, q, fr) = Attack(r, better);
        var (fgsm1, pgd1, q1, fr1) = Attack(r, worse);
        Judgement holds = Above(fgsm1, fgsm) && Above(pgd1, pgd) && Above(q, q1) && Above(fr1, fr);
        return new ClaimCheck(pgd, holds,
            $"{better} vs {worse}: RFR FGSM {Show(fgsm, Metric.RfrFgsm)} vs {Show(fgsm1, Metric.RfrFgsm)}, PGD-10 {Show(pgd, Metric.RfrPgd10)} vs {Show(pgd1, Metric.RfrPgd10)}, " +
            $"# Queries {Show(q, Metric.Queries)} vs {Show(q1, Metric.Queries)}, FR {Show(fr, Metric.FoolingRate)} vs {Show(fr1, Metric.FoolingRate)}", better, Metric.RfrPgd10);
    }

    /// <summary>Whether <paramref name="row"/>'s accuracy is at most <paramref name="points"/> below <paramref name="baseline"/>'s.</summary>
    public static ClaimCheck KeepsAccuracy(Reporting.ExperimentResult r, string row, string baseline, double points = AccuracyPoints)
    {
        var a = Value(r, row, Metric.Accuracy);
        var a0 = Value(r, baseline, Metric.Accuracy);
        return new ClaimCheck(a, DifferenceAtMost(a0, a, points),
            $"accuracy {row} {Show(a, Metric.Accuracy)} vs {baseline} {Show(a0, Metric.Accuracy)} (may be at most {F(points)} points lower)", row, Metric.Accuracy);
    }

    /// <summary>Whether <paramref name="row"/>'s accuracy is at least <paramref name="points"/> below <paramref name="baseline"/>'s.</summary>
    public static ClaimCheck LosesAccuracy(Reporting.ExperimentResult r, string row, string baseline, double points)
    {
        var a = Value(r, row, Metric.Accuracy);
        var a0 = Value(r, baseline, Metric.Accuracy);
        return new ClaimCheck(a, Above(a0, a, points),
            $"accuracy {row} {Show(a, Metric.Accuracy)} vs {baseline} {Show(a0, Metric.Accuracy)} (must be more than {F(points)} points lower)", row, Metric.Accuracy);
    }

    /// <summary>Whether <paramref name="row"/>'s accuracy is between <paramref name="least"/> and <paramref name="most"/> points below <paramref name="baseline"/>'s, at both ends of the spreads.</summary>
    public static ClaimCheck LosesAccuracyWithin(Reporting.ExperimentResult r, string row, string baseline, double least, double most)
    {
        var a = Value(r, row, Metric.Accuracy);
        var a0 = Value(r, baseline, Metric.Accuracy);
        return new ClaimCheck(a, Above(a0, a, least) && DifferenceAtMost(a0, a, most),
            $"accuracy {row} {Show(a, Metric.Accuracy)} vs {baseline} {Show(a0, Metric.Accuracy)} (must be {F(least)}–{F(most)} points lower)", row, Metric.Accuracy);
    }

    /// <summary>All of several checks: holds when each holds; the first check's value is the headline.</summary>
    public static ClaimCheck AllOf(params ClaimCheck[] checks) =>
        new(checks[0].Measured, Judgement.All(checks.Select(c => c.Holds)), string.Join("; ", checks.Select(c => c.Explanation)), checks[0].RowId, checks[0].Metric);

    static (Metrics.MetricValue Fgsm, Metrics.MetricValue Pgd, Metrics.MetricValue Queries, Metrics.MetricValue FoolingRate) Attack(Reporting.ExperimentResult r, string row) =>
        (Value(r, row, Metric.RfrFgsm), Value(r, row, Metric.RfrPgd10), Value(r, row, Metric.Queries), Value(r, row, Metric.FoolingRate));
}
