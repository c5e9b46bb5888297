namespace Repro.Reporting;

/// <summary>
/// Every table and figure of the paper, in the paper's order, with the column headers it prints.
/// The report lists all of them, measured or not (DESIGN.md §5); a consistency test checks that each
/// has a baseline CSV whose metrics are its columns.
/// </summary>
public static class PaperTableCatalog
{
    private static MetricColumn Col(string key, string header) =>
        new(key, header, MetricKeys.Get(key).Direction, MetricKeys.Get(key).Format);

    private static readonly MetricColumn[] VulnerabilityColumns =
    {
        Col("accuracy", "Acc. (%)"), Col("rfr_fgsm", "FGSM"), Col("rfr_pgd10", "PGD-10"), Col("queries", "# Queries"), Col("fooling_rate", "FR (%)"),
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
            new[] { Col("accuracy", "Acc. (f_c)"), Col("rfr_fgsm", "FGSM"), Col("rfr_pgd10", "PGD10"), Col("queries", "# Q"), Col("fooling_rate", "FR") },
            NotMeasurableReason: "Needs Google AutoML Vision, a live cloud service (a cloud-trained server model and its TFLite edge model); it cannot be reproduced offline."),
        new PaperTable("Table03_UnpairingSingleObjective", "Table III",
            "Effectiveness of our similarity unpairing defense (fine-tuning, one similarity at a time)",
            new[] { "Objective" }, new[] { "λ" }, VulnerabilityColumns),
        new PaperTable("Table04_UnpairingCombined", "Table IV",
            "Combining multiple unpairing objectives (fine-tuning)",
            Array.Empty<string>(), new[] { "λ1 (Output.)", "λ2 (Input.)" }, VulnerabilityColumns),
        new PaperTable("Table05_StrategyApplicability", "Table V",
            "Applicability of similarity-unpairing",
            Array.Empty<string>(), new[] { "Mechanism" },
            new[] { Col("applicable_ff", "Finetune first"), Col("applicable_fl", "Finetune last"), Col("applicable_jf", "Jointly finetune") }),
        new PaperTable("Table06_UnpairingQuantization", "Table VI",
            "Effectiveness of similarity-unpairing in quantization",
            new[] { "Dataset" }, new[] { "Strategy" },
            new[] { Col("accuracy", "Acc. (8-bit)"), Col("rfr_fgsm", "FGSM"), Col("rfr_pgd10", "PGD10"), Col("queries", "# Q"), Col("fooling_rate", "FR") }),
        new PaperTable("Table07_UnpairingPruning", "Table VII",
            "Effectiveness of similarity-unpairing in pruning",
            new[] { "Dataset" }, new[] { "Strategy" },
            new[] { Col("accuracy", "Acc. (Pruned)"), Col("sparsity", "(sparsity)"), Col("rfr_fgsm", "FGSM"), Col("rfr_pgd10", "PGD10"), Col("queries", "# Q"), Col("fooling_rate", "FR") }),
        new PaperTable("Table08_UnpairingDistillation", "Table VIII",
            "Effectiveness of similarity-unpairing in distillation",
            new[] { "Network (Student)" }, new[] { "Strategy" },
            new[] { Col("accuracy", "Acc. (Student)"), Col("rfr_fgsm", "FGSM"), Col("rfr_pgd10", "PGD10"), Col("queries", "# Q"), Col("fooling_rate", "FR") }),
        new PaperTable("Table09_UnpairingArchitectures", "Table IX",
            "Effectiveness of similarity-unpairing in using different architectures (finetune-last)",
            new[] { "Dataset", "Net-arch." }, new[] { "Model" },
            new[] { Col("accuracy", "Acc."), Col("rfr_fgsm", "FGSM"), Col("rfr_pgd10", "PGD10"), Col("queries", "# Q"), Col("fooling_rate", "FR") }),
        new PaperTable("Table10_PriorMetrics", "Table X",
            "Comparing the metrics proposed by prior work",
            new[] { "Server f_s", "Acc." }, new[] { "Mech.", "Arch" },
            new[]
            {
                Col("accuracy", "Acc. (f_o)"), Col("liang_fgsm", "[66] FGSM"), Col("liang_pgd10", "[66] PGD10"),
                Col("acc_drop_server_fgsm", "Acc. drop f_s FGSM"), Col("acc_drop_server_pgd10", "Acc. drop f_s PGD10"),
                Col("acc_drop_device_fgsm", "Acc. drop f_o FGSM"), Col("acc_drop_device_pgd10", "Acc. drop f_o PGD10"),
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
            new[] { Col("accuracy", "Acc. (%)"), Col("rfr_fgsm", "FGSM"), Col("rfr_pgd10", "PGD-10"), Col("queries", "# Queries"), Col("fooling_rate", "Success (%)") }),
        new PaperTable("Table14_RobustOnDevice", "Table XIV",
            "Impact of robust training of on-device models on the vulnerability",
            new[] { "Server f_s", "Acc." }, new[] { "Client f_c" },
            new[] { Col("accuracy", "Acc."), Col("rfr_fgsm", "FGSM"), Col("rfr_pgd10", "PGD10"), Col("queries", "#Q"), Col("fooling_rate", "FR") }),
        new PaperTable("Figure1_CostVsSecurity", "Figure 1",
            "Vulnerability decreases as the cost of constructing an on-device model increases",
            new[] { "Cost axis" }, new[] { "On-device model", "Cost" },
            new[] { Col("accuracy", "Acc. (%)"), Col("rfr_fgsm", "RFR FGSM"), Col("rfr_pgd10", "RFR PGD-10"), Col("queries", "# Queries"), Col("fooling_rate", "FR (%)") },
            ChartStyle.Line),
        new PaperTable("Figure2_SimilarityVsVulnerability", "Figure 2",
            "Input-gradient similarity predicts the vulnerability to black-box adversarial examples",
            new[] { "Similarity" }, new[] { "Claim" },
            new[] { Col("rfr_fgsm", "RFR FGSM"), Col("rfr_pgd10", "RFR PGD-10"), Col("queries", "# Queries"), Col("fooling_rate", "FR (%)") },
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
