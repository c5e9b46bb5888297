namespace Repro.Metrics;

/// <summary>
/// One measured quantity, named once: its key (in results, baselines and snapshots), the label the paper's tables
/// print, what it means, how it prints and which way it moves when the server becomes easier to attack (STYLE.md P5).
/// Every table, claim and report refers to a metric through this catalog, never by a string of its own.
/// </summary>
public sealed record Metric(string Key, string Label, string Description, MetricFormat Format, MetricDirection Direction)
{
    public static Metric Accuracy { get; } = new("accuracy", "Acc. (%)", "clean accuracy, percent 0..100", MetricFormat.Percent, MetricDirection.Neutral);
    public static Metric ServerAccuracy { get; } = new("server_accuracy", "Acc. (%) (f_s)", "clean accuracy of the server f_s, percent 0..100", MetricFormat.Percent, MetricDirection.Neutral);
    public static Metric RfrFgsm { get; } = new("rfr_fgsm", "FGSM", "relative fooling rate of FGSM examples crafted on f_o", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable);
    public static Metric RfrPgd10 { get; } = new("rfr_pgd10", "PGD-10", "relative fooling rate of PGD-10 examples crafted on f_o", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable);
    public static Metric Queries { get; } = new("queries", "# Queries", "mean P-RGF queries over all attacked samples, failures counted at the budget", MetricFormat.Count, MetricDirection.LowerIsMoreVulnerable);
    public static Metric QueriesSuccess { get; } = new("queries_success", "# Queries (successes)", "mean P-RGF queries over successful samples", MetricFormat.Count, MetricDirection.LowerIsMoreVulnerable);
    public static Metric FoolingRate { get; } = new("fooling_rate", "FR (%)", "P-RGF fooling rate, percent 0..100", MetricFormat.Percent, MetricDirection.HigherIsMoreVulnerable);
    public static Metric ImagesSent { get; } = new("images_sent", "Images sent", "images sent to the server oracle, initial evaluations included", MetricFormat.Count, MetricDirection.LowerIsMoreVulnerable);
    public static Metric Sparsity { get; } = new("sparsity", "Sparsity", "fraction of pruned weights", MetricFormat.Ratio, MetricDirection.Neutral);
    public static Metric SimilarityLogits { get; } = new("similarity_logits", "Logit cos.", "mean cosine similarity of logits", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable);
    public static Metric SimilarityGradients { get; } = new("similarity_gradients", "Input-gradient cos.", "mean cosine similarity of input-gradients", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable);
    public static Metric SimilarityFeatures { get; } = new("similarity_features", "Feature cos.", "mean cosine similarity of penultimate activations", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable);
    public static Metric PearsonR { get; } = new("pearson_r", "Pearson's r", "Figure 2: Pearson correlation over on-device models of the input-gradient similarity with one vulnerability metric", MetricFormat.Ratio, MetricDirection.Neutral);
    public static Metric Pairs { get; } = new("pairs", "Pairs", "Figure 2: how many on-device models a summary row aggregates", MetricFormat.Count, MetricDirection.Neutral);
    public static Metric LiangFgsm { get; } = new("liang_fgsm", "[66] FGSM", "transferability metric of Liang et al. [66], FGSM", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable);
    public static Metric LiangPgd10 { get; } = new("liang_pgd10", "[66] PGD-10", "transferability metric of Liang et al. [66], PGD-10", MetricFormat.Ratio, MetricDirection.HigherIsMoreVulnerable);
    public static Metric AccDropServerFgsm { get; } = new("acc_drop_server_fgsm", "Drop f_s FGSM", "accuracy drop of f_s under FGSM examples from f_o, points", MetricFormat.Percent, MetricDirection.HigherIsMoreVulnerable);
    public static Metric AccDropServerPgd10 { get; } = new("acc_drop_server_pgd10", "Drop f_s PGD-10", "accuracy drop of f_s under PGD-10 examples from f_o, points", MetricFormat.Percent, MetricDirection.HigherIsMoreVulnerable);
    public static Metric AccDropDeviceFgsm { get; } = new("acc_drop_device_fgsm", "Drop f_o FGSM", "accuracy drop of f_o under its own FGSM examples, points", MetricFormat.Percent, MetricDirection.Neutral);
    public static Metric AccDropDevicePgd10 { get; } = new("acc_drop_device_pgd10", "Drop f_o PGD-10", "accuracy drop of f_o under its own PGD-10 examples, points", MetricFormat.Percent, MetricDirection.Neutral);
    public static Metric ApplicableFf { get; } = new("applicable_ff", "Finetune first", "Table V: finetune-first applies (1) or not (0)", MetricFormat.Check, MetricDirection.Neutral);
    public static Metric ApplicableFl { get; } = new("applicable_fl", "Finetune last", "Table V: finetune-last applies (1) or not (0)", MetricFormat.Check, MetricDirection.Neutral);
    public static Metric ApplicableJf { get; } = new("applicable_jf", "Jointly finetune", "Table V: joint fine-tuning applies (1) or not (0)", MetricFormat.Check, MetricDirection.Neutral);

    public static IReadOnlyList<Metric> All { get; } = new[]
    {
        Accuracy, ServerAccuracy, RfrFgsm, RfrPgd10, Queries, QueriesSuccess, FoolingRate, ImagesSent, Sparsity,
        SimilarityLogits, SimilarityGradients, SimilarityFeatures, PearsonR, Pairs, LiangFgsm, LiangPgd10,
        AccDropServerFgsm, AccDropServerPgd10, AccDropDeviceFgsm, AccDropDevicePgd10, ApplicableFf, ApplicableFl, ApplicableJf,
    };

    static readonly Dictionary<string, Metric> ByKey = All.ToDictionary(m => m.Key, StringComparer.Ordinal);

    /// <summary>The metric a key names, or null (a key from a newer file, a typo).</summary>
    public static Metric? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>The metric a key names; an unknown key is an error that suggests the nearest.</summary>
    public static Metric Get(string key) => Find(key) ?? throw new ArgumentException(UnknownKeyMessage(key));

    public static string UnknownKeyMessage(string key) =>
        $"unknown metric key '{key}'; did you mean '{Catalogs.NameSuggestion.Closest(key, ByKey.Keys.ToList())}'? Known keys: {string.Join(", ", ByKey.Keys)}";

    /// <summary>How a key prints: its metric's format, or a ratio for an unknown key.</summary>
    public static MetricFormat FormatOf(string key) => Find(key)?.Format ?? MetricFormat.Ratio;

    public override string ToString() => Key;
}
