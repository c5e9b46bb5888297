using System.Text;
using Repro.Reporting;

namespace Repro.Unit.Reporting;

/// <summary>The committed <c>baselines/paper/*.csv</c>: present for every table, loadable, consistent with the catalog and the README's rules.</summary>
public class PaperBaselineFilesTests
{
    private static readonly IReadOnlyDictionary<string, PaperBaseline> All = PaperBaseline.LoadAll(RepositoryPaths.PaperBaselines);

    [Test]
    public void LoadAll_EveryCatalogTableHasABaselineAndNoBaselineIsUncatalogued()
    {
        All.Keys.Should().BeEquivalentTo(PaperTableCatalog.All.Select(t => t.Experiment));
        PaperTableCatalog.All.Should().HaveCount(18);
    }

    [Test]
    public void EveryBaseline_MetricsAreTheTableColumnsAndDescriptiveCellsMatchTheHeaders()
    {
        foreach (var table in PaperTableCatalog.All)
        {
            var baseline = All[table.Experiment];
            foreach (var row in baseline.Rows)
            {
                row.Cells.Select(c => c.Metric).Should().BeSubsetOf(table.Columns.Select(c => c.Key), $"{table.Experiment} row {row.Id}");
                PaperTable.Cells(row.Label).Should().HaveCount(table.LabelHeaders.Count, $"{table.Experiment} row {row.Id} label '{row.Label}'");
                if (row.Group.Length > 0)
                    PaperTable.Cells(row.Group).Should().HaveCount(table.GroupHeaders.Count, $"{table.Experiment} row {row.Id} group '{row.Group}'");
            }
        }
    }

    [Test]
    public void EveryBaselineFile_IsLfUtf8WithoutBom()
    {
        foreach (var file in Directory.GetFiles(RepositoryPaths.PaperBaselines, "*.csv"))
        {
            var bytes = File.ReadAllBytes(file);
            bytes.Should().NotContain((byte)'\r', file);
            bytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF }, file);
            bytes[^1].Should().Be((byte)'\n', file);
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
    }

    /// <summary>The rule README.md states; Figure 2's ranges (midpoint ± half width) are the documented exception.</summary>
    [Test]
    public void EveryTolerance_FollowsTheReadmeRule()
    {
        foreach (var baseline in All.Values.Where(b => b.Experiment != "Figure2_SimilarityVsVulnerability"))
            foreach (var row in baseline.Rows)
                foreach (var cell in row.Cells)
                {
                    double twoStd = 2 * (cell.Std ?? 0);
                    Tolerance expected = cell.Metric switch
                    {
                        "rfr_fgsm" or "rfr_pgd10" or "liang_fgsm" or "liang_pgd10" => Tolerance.Absolute(Math.Max(0.10, twoStd)),
                        "fooling_rate" or "acc_drop_server_fgsm" or "acc_drop_server_pgd10" or "acc_drop_device_fgsm" or "acc_drop_device_pgd10"
                            => Tolerance.Absolute(Math.Max(10, twoStd)),
                        "accuracy" => Tolerance.Absolute(Math.Max(3, twoStd)),
                        "queries" => twoStd > 0.5 * cell.Mean ? Tolerance.Absolute(twoStd) : Tolerance.Relative(0.5),
                        "sparsity" => Tolerance.Absolute(0.1),
                        _ => Tolerance.Absolute(0),
                    };
                    cell.Tolerance.IsRelative.Should().Be(expected.IsRelative, $"{baseline.Experiment} {row.Id} {cell.Metric}");
                    cell.Tolerance.Value.Should().BeApproximately(expected.Value, 1e-9, $"{baseline.Experiment} {row.Id} {cell.Metric}");
                }
    }

    [Test]
    public void Table01_HasThePaperRowIdsInThePaperOrder()
    {
        All["Table01_OnDevicePriors"].Rows.Select(r => r.Id).Should().Equal(
            "cifar10/as-is", "cifar10/a-new", "cifar10/no-prior", "cifar10/quantization", "cifar10/pruning",
            "cifar10/distillation-resnet18", "cifar10/distillation-nasnet", "cifar10/nas-nasnet", "cifar10/manual-mobilenetv2", "cifar10/manual-squeezenet",
            "imagenet/as-is", "imagenet/a-new", "imagenet/no-prior", "imagenet/quantization", "imagenet/pruning",
            "imagenet/nas-nasnet", "imagenet/manual-mobilenetv2", "imagenet/manual-squeezenet",
            "ofa/as-is", "ofa/a-new", "ofa/no-prior", "ofa/4-6-3", "ofa/4-3-3", "ofa/2-6-7", "ofa/2-6-3", "ofa/2-3-7", "ofa/2-3-3");
    }

    // Spot checks against paper.md, one per table, chosen where a slip is most likely (std, odd decimals, blocks).
    [TestCase("Table01_OnDevicePriors", "cifar10/a-new", "queries", "863.6 ± 314.0")]
    [TestCase("Table01_OnDevicePriors", "cifar10/no-prior", "fooling_rate", "28 ± 0.5")]
    [TestCase("Table01_OnDevicePriors", "imagenet/pruning", "rfr_fgsm", "0.44 ± 0.29")]
    [TestCase("Table01_OnDevicePriors", "ofa/2-3-3", "queries", "122.3")]
    [TestCase("Table02_AutoMl", "automl-edge", "queries", "3254.4")]
    [TestCase("Table03_UnpairingSingleObjective", "input/1.0", "queries", "3411.9")]
    [TestCase("Table03_UnpairingSingleObjective", "feature/0.0", "queries", "30.1")]
    [TestCase("Table04_UnpairingCombined", "0.1-1.0", "rfr_pgd10", "0.12")]
    [TestCase("Table06_UnpairingQuantization", "imagenet/fl", "queries", "240.00")]
    [TestCase("Table07_UnpairingPruning", "cifar10/ff", "sparsity", "0.3")]
    [TestCase("Table08_UnpairingDistillation", "nasnet/baseline", "queries", "1713.7")]
    [TestCase("Table09_UnpairingArchitectures", "squeezenet/fl", "fooling_rate", "73")]
    [TestCase("Table10_PriorMetrics", "cifar10/manual-squeezenet", "acc_drop_server_pgd10", "4")]
    [TestCase("Table11_FromScratchSingle", "feature/0.1", "queries", "2898.3")]
    [TestCase("Table12_FromScratchCombined", "1.0-0.01", "queries", "674.98")]
    [TestCase("Table13_RobustServerPriors", "cifar10/pruning", "queries", "1885.9 ± 116.7")]
    [TestCase("Table14_RobustOnDevice", "cifar10/robust-nasnet", "rfr_pgd10", "0.42")]
    [TestCase("Figure1_CostVsSecurity", "arch-diff/2-3-3", "fooling_rate", "98")]
    public void Baseline_SpotCheck_PrintsAsThePaper(string experiment, string row, string metric, string printed)
    {
        All[experiment].Row(row)!.Cell(metric)!.Printed.Should().Be(printed);
    }

    [Test]
    public void Table05_ApplicabilityMatrix_IsThePapers()
    {
        var t = All["Table05_StrategyApplicability"];
        string Marks(string id) => string.Concat(new[] { "applicable_ff", "applicable_fl", "applicable_jf" }.Select(m => t.Row(id)!.Cell(m)!.Mean == 1 ? "✓" : "✗"));
        Marks("quantization").Should().Be("✓✓✓");
        Marks("pruning").Should().Be("✓✓✓");
        Marks("distillation").Should().Be("✓✓✓");
        Marks("new-arch").Should().Be("✗✓✗");
        Marks("ofa").Should().Be("✓✓✗");
    }

    [Test]
    public void Table11_LambdaTenRows_HaveNoQueryAttackValues()
    {
        var t = All["Table11_FromScratchSingle"];
        foreach (var id in new[] { "output/10.0", "feature/10.0", "input/10.0" })
        {
            t.Row(id)!.Cell("queries").Should().BeNull();
            t.Row(id)!.Cell("fooling_rate").Should().BeNull();
        }
    }

    [Test]
    public void CrossTableInconsistencies_FromPaperNotes_AreNoted()
    {
        All["Table01_OnDevicePriors"].Row("cifar10/distillation-nasnet")!.Cell("queries")!.Note.Should().Contain("1713.7");
        All["Table07_UnpairingPruning"].Row("cifar10/baseline")!.Cell("rfr_fgsm")!.Note.Should().Contain("0.90");
        All["Table07_UnpairingPruning"].Row("imagenet/baseline")!.Cell("rfr_fgsm")!.Note.Should().Contain("0.44");
        All["Table14_RobustOnDevice"].Row("cifar10/as-is")!.Cell("queries")!.Note.Should().Contain("13.7");
        All["Table03_UnpairingSingleObjective"].Row("input/0.0")!.Cell("queries")!.Note.Should().Contain("46.2 / 29.1 / 30.1");
    }
}
