using Repro.Metrics;
namespace Repro.Reporting.Snapshots;

/// <summary>
/// The band a verified snapshot cell allows, drawn from the profile's measured seed spread: the widest of
/// three standard deviations of a one-seed value (<see cref="SeedSpread"/>), three binomial standard errors of a
/// P-RGF fooling rate over the attacked samples (each sample's success is itself random), and one unit of the
/// metric's resolution (so that a cell that never moved over the seeds, as-is RFR = 1, is not a knife edge).
/// A value outside it is a regression, not noise: with a normal spread, a one-seed run lands outside three
/// standard deviations 0.3% of the time.
/// </summary>
public static class SnapshotBand
{
    public const double Sigmas = 3;

    /// <summary>The half-width for <paramref name="metric"/> at <paramref name="value"/> given its spread; <paramref name="querySamples"/> is the profile's P-RGF sample count.</summary>
    public static double HalfWidth(string metric, double value, SpreadCell spread, int? querySamples)
    {
        double band = Sigmas * spread.Std;
        if (metric == Metric.FoolingRate.Key && querySamples is > 0)
        {
            band = Math.Max(band, Sigmas * FoolingRateError(value, querySamples.Value));
        }
        return Math.Max(band, Resolution(metric, value));
    }

    /// <summary>The binomial standard error, in points, of a fooling rate <paramref name="percent"/> over <paramref name="samples"/> attacked samples.</summary>
    public static double FoolingRateError(double percent, double samples)
    {
        double p = Math.Clamp(percent / 100, 0, 1);
        // A rate of 0 or 100% still has an uncertainty of about one sample in n.
        return 100 * Math.Sqrt(Math.Max(p * (1 - p), 1.0 / samples) / samples);
    }

    /// <summary>The smallest change of a metric worth calling a change (the unit it is read in).</summary>
    public static double Resolution(string metric, double value) => Metric.Find(metric) switch
    {
        null => 0.01,
        var m when m == Metric.FoolingRate => 1,
        var m when m == Metric.PearsonR => 0.02,
        var m when m == Metric.Pairs || m.Format == MetricFormat.Check => 0,
        { Format: MetricFormat.Percent } => 0.1,
        { Format: MetricFormat.Count } => Math.Max(1, 0.01 * Math.Abs(value)),
        var m when m == Metric.Sparsity || m.Key.StartsWith("similarity_", StringComparison.Ordinal) => 0.005,
        _ => 0.01,
    };

    /// <summary>The profile's P-RGF sample count as the result records it in its settings (Data.QueryAttackSamples), or null.</summary>
    public static int? QuerySamples(ExperimentResult result) =>
        result.Settings.FirstOrDefault(s => s.Key == "Data.QueryAttackSamples").Value is { } text
        && int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
