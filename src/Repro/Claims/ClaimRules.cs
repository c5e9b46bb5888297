using System.Globalization;
using Repro.Metrics;
using Repro.Reporting;

namespace Repro.Claims;

/// <summary>
/// The comparisons claims are made of, each judged against the measurement's uncertainty (STYLE.md P7,
/// DESIGN.md §5): a value's uncertainty u is what <see cref="MetricValue.Uncertainty"/> says (for a one-seed
/// value, the spread over seeds measured for its profile), else std/√n over its seeds, else 0. A comparison
/// holds when it holds at <see cref="Z"/> uncertainties against it, fails when it fails at Z uncertainties in
/// its favour, and is inconclusive at this scale when the threshold lies in between. Differences of two values
/// take their uncertainties as independent (the conservative choice when both rows share a server).
/// </summary>
public static class ClaimRules
{
    /// <summary>Two uncertainties: about 95% coverage for a normal spread.</summary>
    public const double Z = 2;

    public static MetricValue Value(ExperimentResult result, string rowId, Metric metric)
    {
        var row = result.Rows.FirstOrDefault(r => r.Id == rowId)
            ?? throw new MissingMeasurementException($"{result.Experiment} ({result.Profile}) has no row '{rowId}'");
        if (row.Metrics.TryGetValue(metric.Key, out var value)) return value;
        throw new MissingMeasurementException(row.NotMeasuredReason is { } reason
            ? $"row '{rowId}' was not measured: {reason}"
            : row.Details?.GetValueOrDefault(ResultRow.NotMeasuredDetail) is { } leftOut
                ? $"row '{rowId}' has no '{metric}': {leftOut}"
                : $"row '{rowId}' has no '{metric}' (it has: {string.Join(", ", row.Metrics.Keys)})");
    }

    /// <summary>The uncertainty of a reported value (one standard uncertainty).</summary>
    public static double U(MetricValue v) => v.Uncertainty ?? (v.N > 1 ? v.Std / Math.Sqrt(v.N) : 0);

    public static double Low(MetricValue v) => v.Mean - Z * U(v);
    public static double High(MetricValue v) => v.Mean + Z * U(v);

    static double UDifference(MetricValue a, MetricValue b) => Math.Sqrt(U(a) * U(a) + U(b) * U(b));

    /// <summary>v >= threshold.</summary>
    public static Judgement AtLeast(MetricValue v, double threshold) => Judgement.Of(Low(v) >= threshold, High(v) < threshold);

    /// <summary>v <= threshold.</summary>
    public static Judgement AtMost(MetricValue v, double threshold) => Judgement.Of(High(v) <= threshold, Low(v) > threshold);

    /// <summary>a lies above b by more than <paramref name="margin"/>.</summary>
    public static Judgement Above(MetricValue a, MetricValue b, double margin = 0)
    {
        double d = a.Mean - b.Mean, u = Z * UDifference(a, b);
        return Judgement.Of(d - u > margin, d + u <= margin);
    }

    /// <summary>a - b is at most <paramref name="limit"/> (a exceeds b by no more than it; a negative limit asks for a below b).</summary>
    public static Judgement DifferenceAtMost(MetricValue a, MetricValue b, double limit)
    {
        double d = a.Mean - b.Mean, u = Z * UDifference(a, b);
        return Judgement.Of(d + u <= limit, d - u > limit);
    }

    /// <summary>a is at most b / factor (for query counts: "factor times cheaper").</summary>
    public static Judgement TimesBelow(MetricValue a, MetricValue b, double factor) =>
        Judgement.Of(High(a) * factor <= Low(b), Low(a) * factor > High(b));

    /// <summary>a is at least <paramref name="factor"/> times b: the difference a − factor·b against the uncertainties of both (independent).</summary>
    public static Judgement AtLeastTimes(MetricValue a, MetricValue b, double factor)
    {
        double d = a.Mean - factor * b.Mean, u = Z * Math.Sqrt(U(a) * U(a) + factor * factor * U(b) * U(b));
        return Judgement.Of(d - u >= 0, d + u < 0);
    }

    /// <summary>A derived number (a correlation, a ratio) against a threshold, with its own uncertainty <paramref name="u"/>.</summary>
    public static Judgement AtLeast(double value, double u, double threshold) => Judgement.Of(value - Z * u >= threshold, value + Z * u < threshold);

    /// <summary>A derived number against an upper threshold, with its own uncertainty <paramref name="u"/>.</summary>
    public static Judgement AtMost(double value, double u, double threshold) => Judgement.Of(value + Z * u <= threshold, value - Z * u > threshold);

    /// <summary>Spearman's rank correlation of y with x (ties get their mean rank): +1 rises monotonically, -1 falls.</summary>
    public static double RankCorrelation(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 3) throw new MissingMeasurementException($"a trend needs at least 3 points, got {points.Count}");
        double[] Ranks(IReadOnlyList<double> v)
        {
            var order = v.Select((value, i) => (value, i)).OrderBy(p => p.value).ToList();
            var ranks = new double[v.Count];
            for (int i = 0; i < order.Count;)
            {
                int j = i;
                while (j + 1 < order.Count && order[j + 1].value == order[i].value) j++;
                for (int k = i; k <= j; k++) ranks[order[k].i] = (i + j) / 2.0;
                i = j + 1;
            }
            return ranks;
        }
        var rx = Ranks(points.Select(p => p.X).ToList());
        var ry = Ranks(points.Select(p => p.Y).ToList());
        double mx = rx.Average(), my = ry.Average();
        double cov = rx.Zip(ry).Sum(p => (p.First - mx) * (p.Second - my));
        double vx = rx.Sum(v => (v - mx) * (v - mx)), vy = ry.Sum(v => (v - my) * (v - my));
        return vx == 0 || vy == 0 ? 0 : cov / Math.Sqrt(vx * vy);
    }

    public static string Show(MetricValue v, Metric metric) => MetricText.WithUncertainty(v, metric.Format);

    public static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
