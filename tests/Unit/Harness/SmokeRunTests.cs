using Repro.Profiles;
using Repro.Reporting.Ledger;
using Repro.Progress;
using Repro.Harness;
using Repro.Paper;

namespace Repro.Unit.Harness;

/// <summary>
/// The whole pipeline at the smoke profile (seconds of training on the embedded slice): every experiment
/// runs, records into a fresh ledger and writes the report. Checks invariants that hold at any scale,
/// not the paper's numbers (the Cpu claims do that).
/// </summary>
[Category("Slow")]
public class SmokeRunTests
{
    [Test]
    public void Reproduce_SmokeProfile_RunsEveryExperimentRecordsItAndWritesTheReport()
    {
        var root = Directory.CreateTempSubdirectory("smoke-");
        try
        {
            var environment = RunEnvironment.Detect(cacheOverride: Path.Combine(root.FullName, "cache"));
            var paths = RepositoryPaths.Discover(AppContext.BaseDirectory, reports: Path.Combine(root.FullName, "reports"));
            using var context = new RunContext(SmokeProfile.Create(), environment, SilentProgress.Instance);
            using (var run = new ReproductionRun(context, paths, "smoke test", ExperimentCatalog.All))
            {
                foreach (var experiment in ExperimentCatalog.All) run.Run(experiment);
                run.WriteReports();
            }

            var table = new RunLedger(paths.Ledger).LatestResult(nameof(Table01_OnDevicePriors), "smoke")!.Result;
            var budget = context.Profile.Query.QueryBudget;
            foreach (var row in table.Rows.Where(r => r.Metrics.ContainsKey("queries")))
                row.Metrics["queries"].Mean.Should().BeLessThanOrEqualTo(budget, $"{row.Id}: no sample may be charged beyond the budget");
            if (table.Row("cifar10/as-is").Metrics.TryGetValue("rfr_pgd10", out var asIs))
                asIs.Mean.Should().Be(1, "as-is crafts S^o on the server itself, so S^o = S^s");
            var imageNet = table.Rows.Where(r => r.Id.StartsWith("imagenet/", StringComparison.Ordinal)).ToList();
            imageNet.Should().OnlyContain(r => r.Metrics.Count == 0 && !string.IsNullOrWhiteSpace(r.NotMeasuredReason), "a row that is not measured says why");
            imageNet.Where(r => r.Id != "imagenet/nas-nasnet").Should().OnlyContain(r => r.NotMeasuredReason!.Contains("GPU"));
            File.ReadAllText(paths.Html).Should().Contain("Table01_OnDevicePriors").And.Contain("Figure1_CostVsSecurity");
            File.Exists(paths.ResultsJson).Should().BeTrue();
        }
        finally { root.Delete(recursive: true); }
    }
}
