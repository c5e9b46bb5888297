using Repro.Metrics;
namespace Repro.Reporting;

/// <summary>
/// Every table and figure of the paper, in the paper's order, with the column headers it prints.
/// The report lists all of them, measured or not (DESIGN.md §5); a consistency test checks that each
/// has a baseline CSV whose metrics are its columns.
/// </summary>
public static class PaperTableCatalog
{
    private static MetricColumn Col(Metric metric, string header) => MetricColumn.Of(metric, header);

    private static readonly MetricColumn[] VulnerabilityColumns =
    {
        Col(Metric.Accuracy, "Acc. (%)"), Col(Metric.RfrFgsm, "FGSM"), Col(Metric.RfrPgd10, "PGD-10"), Col(Metric.Queries, "# Queries"), Col(Metric.FoolingRate, "FR (%)"),
    };

    private static readonly string[] TableIGroup = { "Dataset", "Arch. (f_s)", "Acc. (%) (f_s)" };
    private static readonly string[] TableILabel = { "Mechanism", "Arch. (New)", "Train" };

    public static IReadOnlyList<PaperTable> All { get; } = new[]
    {
        new PaperTable("Table01_OnDevicePriors", "Table I",
            "Vulnerability to black-box attacks when on-device models are used as priors (CIFAR10 and ImageNet)",
            TableIGroup, TableILabel, VulnerabilityColumns),
        new PaperTable("Table02_AutoMl", "Table II",
            "Exploitation of the vulnerability in the real world (Google AutoML Vision)",
            new[] { "f_s" }, new[] { "On-device f_c" },
            new[] { Col(Metric.Accuracy, "Acc. (f_c)"), Col(Metric.RfrFgsm, "FGSM"), Col(Metric.RfrPgd10, "PGD10"), Col(Metric.Queries, "# Q"), Col(Metric.FoolingRate, "FR") },
            LocalStandIn: "Google AutoML Vision, a live cloud service, is replaced by a local one: the cloud model is Repro's NASNet trained from scratch " +
                "(Table I's NAS row), served by `repro serve --label-only --uint8` on loopback (top-1 labels of 8-bit images only, every image counted); " +
                "the attacker reaches it only over HTTP. AutoML Edge's TFLite model is replaced by the cloud model distilled into MobileNetV2 and quantized to 8 bits; " +
                "the other rows are the attacker's own on-device models of Table I. The query attack is RayS (label-only) with the on-device model's gradient as its first ray."),
        new PaperTable("Table03_UnpairingSingleObjective", "Table III",
            "Effectiveness of our similarity unpairing defense (fine-tuning, one similarity at a time)",
            new[] { "Objective" }, new[] { "λ" }, VulnerabilityColumns),
        new PaperTable("Table04_UnpairingCombined", "Table IV",
            "Combining multiple unpairing objectives (fine-tuning)",
            Array.Empty<string>(), new[] { "λ1 (Output.)", "λ2 (Input.)" }, VulnerabilityColumns),
        new PaperTable("Table05_StrategyApplicability", "Table V",
            "Applicability of similarity-unpairing",
            Array.Empty<string>(), new[] { "Mechanism" },
            new[] { Col(Metric.ApplicableFf, "Finetune first"), Col(Metric.ApplicableFl, "Finetune last"), Col(Metric.ApplicableJf, "Jointly finetune") }),
        new PaperTable("Table06_UnpairingQuantization", "Table VI",
            "Effectiveness of similarity-unpairing in quantization",
            new[] { "Dataset" }, new[] { "Strategy" },
            new[] { Col(Metric.Accuracy, "Acc. (8-bit)"), Col(Metric.RfrFgsm, "FGSM"), Col(Metric.RfrPgd10, "PGD10"), Col(Metric.Queries, "# Q"), Col(Metric.FoolingRate, "FR") }),
        new PaperTable("Table07_UnpairingPruning", "Table VII",
            "Effectiveness of similarity-unpairing in pruning",
            new[] { "Dataset" }, new[] { "Strategy" },
            new[] { Col(Metric.Accuracy, "Acc. (Pruned)"), Col(Metric.Sparsity, "(sparsity)"), Col(Metric.RfrFgsm, "FGSM"), Col(Metric.RfrPgd10, "PGD10"), Col(Metric.Queries, "# Q"), Col(Metric.FoolingRate, "FR") }),
        new PaperTable("Table08_UnpairingDistillation", "Table VIII",
            "Effectiveness of similarity-unpairing in distillation",
            new[] { "Network (Student)" }, new[] { "Strategy" },
            new[] { Col(Metric.Accuracy, "Acc. (Student)"), Col(Metric.RfrFgsm, "FGSM"), Col(Metric.RfrPgd10, "PGD10"), Col(Metric.Queries, "# Q"), Col(Metric.FoolingRate, "FR") }),
        new PaperTable("Table09_UnpairingArchitectures", "Table IX",
            "Effectiveness of similarity-unpairing in using different architectures (finetune-last)",
            new[] { "Dataset", "Net-arch." }, new[] { "Model" },
            new[] { Col(Metric.Accuracy, "Acc."), Col(Metric.RfrFgsm, "FGSM"), Col(Metric.RfrPgd10, "PGD10"), Col(Metric.Queries, "# Q"), Col(Metric.FoolingRate, "FR") }),
        new PaperTable("Section6D_RobustDistillation", "§VI-D",
            "Robust distillation (Goldblum et al.) compared with similarity-unpairing in distillation (text of §VI-D)",
            new[] { "Student" }, new[] { "Mechanism" }, VulnerabilityColumns),
        new PaperTable("Table10_PriorMetrics", "Table X",
            "Comparing the metrics proposed by prior work",
            new[] { "Server f_s", "Acc." }, new[] { "Mech.", "Arch" },
            new[]
            {
                Col(Metric.Accuracy, "Acc. (f_o)"), Col(Metric.LiangFgsm, "[66] FGSM"), Col(Metric.LiangPgd10, "[66] PGD10"),
                Col(Metric.AccDropServerFgsm, "Acc. drop f_s FGSM"), Col(Metric.AccDropServerPgd10, "Acc. drop f_s PGD10"),
                Col(Metric.AccDropDeviceFgsm, "Acc. drop f_o FGSM"), Col(Metric.AccDropDevicePgd10, "Acc. drop f_o PGD10"),
                // Not printed in Table X: Appendix C compares the metrics above with RFR, whose values are Table I's.
                Col(Metric.RfrFgsm, "RFR FGSM"), Col(Metric.RfrPgd10, "RFR PGD10"),
            }),
        new PaperTable("Table11_FromScratchSingle", "Table XI",
            "Effectiveness of our similarity-unpairing defense (train from scratch)",
            new[] { "Objective" }, new[] { "λ" }, VulnerabilityColumns),
        new PaperTable("Table12_FromScratchCombined", "Table XII",
            "Combining multiple unpairing objectives (train from scratch)",
            Array.Empty<string>(), new[] { "λ1 (Output.)", "λ2 (Input.)" }, VulnerabilityColumns),
        new PaperTable("Table13_RobustServerPriors", "Table XIII",
            "Vulnerability to black-box attacks when on-device models of a robust (PGD-7) ResNet50 are used as priors",
            TableIGroup, TableILabel,
            new[] { Col(Metric.Accuracy, "Acc. (%)"), Col(Metric.RfrFgsm, "FGSM"), Col(Metric.RfrPgd10, "PGD-10"), Col(Metric.Queries, "# Queries"), Col(Metric.FoolingRate, "Success (%)") }),
        new PaperTable("Table14_RobustOnDevice", "Table XIV",
            "Impact of robust training of on-device models on the vulnerability",
            new[] { "Server f_s", "Acc." }, new[] { "Client f_c" },
            new[] { Col(Metric.Accuracy, "Acc."), Col(Metric.RfrFgsm, "FGSM"), Col(Metric.RfrPgd10, "PGD10"), Col(Metric.Queries, "#Q"), Col(Metric.FoolingRate, "FR") }),
        new PaperTable("AppendixI_RobustArchitecture", "Appendix I",
            "Vulnerability when on-device models of a robust architecture (RobNet, PGD-7 trained) are used as priors (text of Appendix I)",
            new[] { "Server f_s", "Acc." }, new[] { "On-device f_o" }, VulnerabilityColumns),
        new PaperTable("Figure1_CostVsSecurity", "Figure 1",
            "Vulnerability decreases as the cost of constructing an on-device model increases",
            new[] { "Cost axis" }, new[] { "On-device model", "Cost" },
            new[] { Col(Metric.Accuracy, "Acc. (%)"), Col(Metric.RfrFgsm, "RFR FGSM"), Col(Metric.RfrPgd10, "RFR PGD-10"), Col(Metric.Queries, "# Queries"), Col(Metric.FoolingRate, "FR (%)") },
            ChartStyle.Line),
        new PaperTable("Figure2_SimilarityVsVulnerability", "Figure 2",
            "Input-gradient similarity predicts the vulnerability to black-box adversarial examples",
            new[] { "Similarity" }, new[] { "Claim" },
            new[] { Col(Metric.RfrFgsm, "RFR FGSM"), Col(Metric.RfrPgd10, "RFR PGD-10"), Col(Metric.Queries, "# Queries"), Col(Metric.FoolingRate, "FR (%)") },
            ChartStyle.Scatter),
    };

    public static PaperTable? Find(string experiment) => All.FirstOrDefault(t => t.Experiment == experiment);

    public static PaperTable Get(string experiment) => Find(experiment) ?? throw new ArgumentException(
        $"unknown experiment '{experiment}'; did you mean '{Repro.Catalogs.NameSuggestion.Closest(experiment, All.Select(t => t.Experiment))}'?");

    /// <summary>Key order of the paper: its tables, then figures (a result of an unknown experiment sorts last).</summary>
    public static int Order(string experiment)
    {
        for (int i = 0; i < All.Count; i++)
            if (All[i].Experiment == experiment) return i;
        return int.MaxValue;
    }
}
