using System.Globalization;
using Repro.Metrics;
using Repro.Reporting;

namespace Repro.Experiments.Claims;

/// <summary>
/// The comparisons claims are made of. Each uses the spread over seeds (STYLE.md P7): a value is
/// "at least t" only if mean - std >= t, and "a above b" only if their mean ± std intervals do not
/// overlap, so one lucky seed never makes a claim hold.
/// </summary>
public static class ClaimRules
{
    public static MetricValue Value(ExperimentResult result, string rowId, string metric)
    {
        var row = result.Rows.FirstOrDefault(r => r.Id == rowId)
            ?? throw new MissingMeasurementException($"{result.Experiment} ({result.Profile}) has no row '{rowId}'");
        if (row.Metrics.TryGetValue(metric, out var value)) return value;
        throw new MissingMeasurementException(row.NotMeasuredReason is { } reason
            ? $"row '{rowId}' was not measured: {reason}"
            : $"row '{rowId}' has no '{metric}' (it has: {string.Join(", ", row.Metrics.Keys)})");
    }

    public static double Low(MetricValue v) => v.Mean - v.Std;
    public static double High(MetricValue v) => v.Mean + v.Std;

    /// <summary>mean - std >= threshold.</summary>
    public static bool AtLeast(MetricValue v, double threshold) => Low(v) >= threshold;

    /// <summary>mean + std <= threshold.</summary>
    public static bool AtMost(MetricValue v, double threshold) => High(v) <= threshold;

    /// <summary>a's interval lies wholly above b's, by at least <paramref name="margin"/>.</summary>
    public static bool Above(MetricValue a, MetricValue b, double margin = 0) => Low(a) - High(b) > margin;

    /// <summary>a is at most b / factor even at the ends of their spreads (for query counts: "factor times cheaper").</summary>
    public static bool TimesBelow(MetricValue a, MetricValue b, double factor) => High(a) * factor <= Low(b);

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

    public static string Show(MetricValue v, string metric) =>
        MetricText.MeanStd(v, MetricKeys.FormatOf(metric));

    public static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
