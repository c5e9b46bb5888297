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
        if (metric == "fooling_rate" && querySamples is > 0)
        {
            double p = Math.Clamp(value / 100, 0, 1);
            // A rate of 0 or 100% still has an uncertainty of about one sample in n.
            double se = 100 * Math.Sqrt(Math.Max(p * (1 - p), 1.0 / querySamples.Value) / querySamples.Value);
            band = Math.Max(band, Sigmas * se);
        }
        return Math.Max(band, Resolution(metric, value));
    }

    /// <summary>The smallest change of a metric worth calling a change (the unit it is read in).</summary>
    public static double Resolution(string metric, double value) => metric switch
    {
        "rfr_fgsm" or "rfr_pgd10" or "liang_fgsm" or "liang_pgd10" => 0.01,
        "accuracy" or "server_accuracy" or "acc_drop_server_fgsm" or "acc_drop_server_pgd10" or "acc_drop_device_fgsm" or "acc_drop_device_pgd10" => 0.1,
        "fooling_rate" => 1,
        "queries" or "queries_success" or "images_sent" => Math.Max(1, 0.01 * Math.Abs(value)),
        "similarity_logits" or "similarity_gradients" or "similarity_features" or "sparsity" => 0.005,
        "pearson_r" => 0.02,
        "pairs" or "applicable_ff" or "applicable_fl" or "applicable_jf" => 0,
        _ => 0.01,
    };

    /// <summary>The profile's P-RGF sample count as the result records it in its settings (Data.QueryAttackSamples), or null.</summary>
    public static int? QuerySamples(ExperimentResult result) =>
        result.Settings.FirstOrDefault(s => s.Key == "Data.QueryAttackSamples").Value is { } text
        && int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
