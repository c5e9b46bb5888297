using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>One metric key that results, paper baselines and snapshots may carry, with how it prints and its snapshot tolerance.</summary>
public sealed record MetricKey(string Key, string Description, MetricFormat Format, MetricDirection Direction, Tolerance SnapshotTolerance);

/// <summary>
/// The metric keys the team agreed on, as a typed catalog (STYLE.md P5). An unknown key in a baseline
/// is an error with a suggestion. Snapshot tolerances are the defaults written into a new
/// <c>*.verified.json</c>; a reviewer may edit them there (P8: the band lives beside the values).
/// </summary>
public static class MetricKeys
{
    // Snapshot tolerances compare a profile against its own last accepted run: same code, same seeds,
    // so only nondeterminism (thread scheduling in CPU kernels, cuDNN) and deliberate changes move them.
    // Query counts are per-sample sums of a random search, hence relative.
    private static readonly Tolerance Ratio = Tolerance.Absolute(0.05);
    private static readonly Tolerance Points = Tolerance.Absolute(5);

    public static IReadOnlyList<MetricKey> All { get; } = new[]
    {
        new MetricKey("accuracy", "clean accuracy, percent 0..100", MetricFormat.Percent, MetricDirection.Neutral, Tolerance.Absolute(2)),
        new MetricKey("server_accuracy", "clean accuracy of the server f_s, percent 0..100", MetricFormat.Percent, MetricDirection.Neutral, Tolerance.Absolute(2)),
        new MetricKey("rfr_fgsm", "relative fooling rate of FGSM examples crafted on f_o", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable, Ratio),
        new MetricKey("rfr_pgd10", "relative fooling rate of PGD-10 examples crafted on f_o", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable, Ratio),
        new MetricKey("queries", "mean P-RGF queries over all attacked samples, failures counted at the budget", MetricFormat.Count, MetricDirection.LowerIsMoreVulnerable, Tolerance.Relative(0.25)),
        new MetricKey("queries_success", "mean P-RGF queries over successful samples", MetricFormat.Count, MetricDirection.LowerIsMoreVulnerable, Tolerance.Relative(0.25)),
        new MetricKey("fooling_rate", "P-RGF fooling rate, percent 0..100", MetricFormat.Percent, MetricDirection.HigherIsMoreVulnerable, Points),
        new MetricKey("sparsity", "fraction of pruned weights", MetricFormat.Ratio, MetricDirection.Neutral, Ratio),
        new MetricKey("similarity_logits", "mean cosine similarity of logits", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable, Ratio),
        new MetricKey("similarity_gradients", "mean cosine similarity of input-gradients", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable, Ratio),
        new MetricKey("similarity_features", "mean cosine similarity of penultimate activations", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable, Ratio),
        new MetricKey("pearson_r", "Figure 2: Pearson correlation over on-device models of the input-gradient similarity with one vulnerability metric", MetricFormat.Ratio, MetricDirection.Neutral, Tolerance.Absolute(0.1)),
        new MetricKey("pairs", "Figure 2: how many on-device models a summary row aggregates", MetricFormat.Count, MetricDirection.Neutral, Tolerance.Absolute(0)),
        new MetricKey("images_sent", "images sent to the server oracle, initial evaluations included", MetricFormat.Count, MetricDirection.LowerIsMoreVulnerable, Tolerance.Relative(0.25)),
        new MetricKey("liang_fgsm", "transferability metric of Liang et al. [66], FGSM", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable, Ratio),
        new MetricKey("liang_pgd10", "transferability metric of Liang et al. [66], PGD-10", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable, Ratio),
        new MetricKey("acc_drop_server_fgsm", "accuracy drop of f_s under FGSM examples from f_o, points", MetricFormat.Percent, MetricDirection.HigherIsMoreVulnerable, Points),
        new MetricKey("acc_drop_server_pgd10", "accuracy drop of f_s under PGD-10 examples from f_o, points", MetricFormat.Percent, MetricDirection.HigherIsMoreVulnerable, Points),
        new MetricKey("acc_drop_device_fgsm", "accuracy drop of f_o under its own FGSM examples, points", MetricFormat.Percent, MetricDirection.Neutral, Points),
        new MetricKey("acc_drop_device_pgd10", "accuracy drop of f_o under its own PGD-10 examples, points", MetricFormat.Percent, MetricDirection.Neutral, Points),
        new MetricKey("applicable_ff", "Table V: finetune-first applies (1) or not (0)", MetricFormat.Check, MetricDirection.Neutral, Tolerance.Absolute(0)),
        new MetricKey("applicable_fl", "Table V: finetune-last applies (1) or not (0)", MetricFormat.Check, MetricDirection.Neutral, Tolerance.Absolute(0)),
        new MetricKey("applicable_jf", "Table V: joint fine-tuning applies (1) or not (0)", MetricFormat.Check, MetricDirection.Neutral, Tolerance.Absolute(0)),
    };

    private static readonly Dictionary<string, MetricKey> ByKey = All.ToDictionary(m => m.Key, StringComparer.Ordinal);

    public static bool IsKnown(string key) => ByKey.ContainsKey(key);

    public static MetricKey? Find(string key) => ByKey.GetValueOrDefault(key);

    public static MetricKey Get(string key) => Find(key) ?? throw new ArgumentException(UnknownKeyMessage(key));

    public static string UnknownKeyMessage(string key) =>
        $"unknown metric key '{key}'; did you mean '{Repro.Catalogs.NameSuggestion.Closest(key, ByKey.Keys.ToList())}'? " +
        $"Known keys: {string.Join(", ", ByKey.Keys)}";

    /// <summary>The snapshot default for a key; an unknown key (a metric added later) gets the ratio default.</summary>
    public static Tolerance DefaultSnapshotTolerance(string key) => Find(key)?.SnapshotTolerance ?? Ratio;

    public static MetricFormat FormatOf(string key) => Find(key)?.Format ?? MetricFormat.Ratio;
}
