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

    public static string Show(MetricValue v, string metric) =>
        MetricText.MeanStd(v, MetricKeys.FormatOf(metric));

    public static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
