using Repro.Metrics;
using Repro.Reporting;
using Repro.Reporting.Ledger;
using Repro.Unit.Reporting.Ledger;

namespace Repro.Unit.Reporting;

/// <summary>
/// Realistic report inputs: a result for every paper table the harness can measure, with every paper
/// row and metric, values scattered around the paper's numbers (some outside tolerance), figure series
/// for Figures 1 and 2, and a ledger holding many such runs.
/// </summary>
internal static class ReportFixtures
{
    public static IReadOnlyDictionary<string, PaperBaseline> Baselines { get; } = PaperBaseline.LoadAll(RepositoryPaths.PaperBaselines);

    public static IEnumerable<ExperimentResult> AllResults(string profile, int seeds, int run)
    {
        var random = new Random(run * 7919 + seeds);
        foreach (var table in PaperTableCatalog.All.Where(t => t.NotMeasurableReason is null))
        {
            var baseline = Baselines[table.Experiment];
            var rows = baseline.Rows.Select(row => new ResultRow(row.Id, row.Group, row.Label,
                row.Cells.ToDictionary(c => c.Metric, c => Noisy(c, random, seeds)),
                Details: new Dictionary<string, string> { [ResultRow.ArtifactDetail] = $"recipe/{row.Id}/{run}" })).ToList();
            if (table.Experiment == "Table01_OnDevicePriors")
            {
                // ImageNet is not available offline: those rows say so.
                rows = rows.Select(r => r.Id.StartsWith("imagenet/", StringComparison.Ordinal)
                    ? r with { Metrics = new Dictionary<string, MetricValue>(), NotMeasuredReason = "ImageNet is not available offline" } : r).ToList();
                rows[1] = rows[1] with { NotAtThisScaleReason = profile == "mini" ? "a 15-epoch retrained ResNet transfers better than a 200-epoch one" : null };
            }
            var figures = table.Experiment switch
            {
                "Figure1_CostVsSecurity" => Figure1(random),
                "Figure2_SimilarityVsVulnerability" => Figure2(random),
                _ => Array.Empty<FigureSeries>(),
            };
            var provenance = FakeResults.Provenance(Enumerable.Range(0, seeds).ToArray(), commit: $"c{run:000}abcdef", device: profile == "paper" ? "cuda:0 (H100)" : "cpu");
            yield return new ExperimentResult(table.Experiment, table.PaperReference, table.Title, profile, table.Columns, rows, figures,
                new[] { new KeyValuePair<string, string>("Query.QueryBudget", profile == "paper" ? "4000" : "2000"), new("Transfer.Epsilon", "8/255") },
                Array.Empty<Repro.Profiles.Deviation>(), provenance);
        }
    }

    private static MetricValue Noisy(PaperCell cell, Random random, int seeds)
    {
        double spread = cell.Tolerance.HalfWidth(cell.Mean) * 1.4;
        double centre = cell.Mean + (random.NextDouble() * 2 - 1) * spread;
        var values = Enumerable.Range(0, seeds).Select(_ => Math.Max(0, centre + (random.NextDouble() - 0.5) * spread * 0.2)).ToArray();
        return MetricValue.FromSeeds(values);
    }

    private static FigureSeries[] Figure1(Random random)
    {
        double J() => (random.NextDouble() - 0.5) * 0.04;
        var epochs = new[] { 0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200 };
        var diffs = new[] { 0, 2, 4, 5, 6, 7, 9 };
        FigureSeries S(string panel, string name, string x, string y, IEnumerable<(double X, double Y)> pts) =>
            new("Figure 1", panel, name, x, y, pts.Select(p => new FigurePoint(p.X, MetricValue.FromSeeds(new[] { p.Y, p.Y + J(), p.Y - J() }))).ToList());
        // The paper's rows these compare with (baselines/paper/Figure1_CostVsSecurity.csv prints epochs 0 and 200).
        var rowX = epochs.ToDictionary(e => $"epochs/{e}", e => (double)e);
        return new[]
        {
            S("Transfer vs # epochs", "FGSM", "# epochs", "RFR", epochs.Select(e => ((double)e, 0.82 - 0.0014 * e + J()))) with { Metric = "rfr_fgsm", PaperRowX = rowX },
            S("Transfer vs # epochs", "PGD-10", "# epochs", "RFR", epochs.Select(e => ((double)e, 1.0 + J() / 4))) with { Metric = "rfr_pgd10", PaperRowX = rowX },
            S("Queries vs # epochs", "# Queries", "# epochs", "# Queries", epochs.Select(e => ((double)e, 23 + 0.18 * e + 100 * J()))) with { Metric = "queries", PaperRowX = rowX },
            S("FR vs architectural difference", "P-RGF", "architectural difference (l1)", "FR (%)", Array.Empty<(double, double)>())
                with { NotMeasured = "the OFA sweep does not run at this profile: measure it with `repro reproduce --profile mini-full -e Figure1`" },
            S("Transfer vs architectural difference", "FGSM", "architectural difference (l1)", "RFR", diffs.Select(d => ((double)d, 1.0 - 0.039 * d + J()))),
            S("Transfer vs architectural difference", "PGD-10", "architectural difference (l1)", "RFR", diffs.Select(d => ((double)d, 1.0 - 0.005 * d + J() / 4))),
            S("Queries vs architectural difference", "# Queries", "architectural difference (l1)", "# Queries", diffs.Select(d => ((double)d, 13 + d * d * 1.3 + 100 * J()))),
        };
    }

    private static FigureSeries[] Figure2(Random random)
    {
        var models = new (string Name, double Sim)[]
        {
            ("Quantization", 0.97), ("Pruning", 0.9), ("ResNet18 (D)", 0.38), ("MobileNetV2", 0.35), ("NASNet (D)", 0.26), ("NASNet", 0.25), ("SqueezeNet", 0.22), ("ResNet50 (a new)", 0.3),
        };
        FigureSeries S(string panel, string name, string y, Func<double, double> f) => new("Figure 2", panel, name, "input-gradient similarity", y,
            models.Select(m => new FigurePoint(m.Sim + (random.NextDouble() - 0.5) * 0.02, MetricValue.FromSeeds(new[] { f(m.Sim) + (random.NextDouble() - 0.5) * 0.05 }), m.Name)).ToList());
        return new[]
        {
            S("RFR vs similarity", "FGSM", "RFR", s => s),
            S("RFR vs similarity", "PGD-10", "RFR", s => Math.Min(1, 0.3 + s)),
            S("FR vs similarity", "FR (%)", "FR (%)", s => 50 + 50 * s),
        };
    }

    /// <summary>A ledger of <paramref name="runs"/> runs alternating paper (5 seeds) and mini (1 seed), each recording every measurable table.</summary>
    public static RunLedger Ledger(string path, int runs)
    {
        var ledger = new RunLedger(path);
        for (int run = 0; run < runs; run++)
        {
            string profile = run % 2 == 0 ? "paper" : "mini";
            var at = FakeResults.Start.AddDays(run);
            long id = ledger.StartRun(RunLedgerTests.Info(profile, $"c{run:000}abcdef", at));
            foreach (var result in AllResults(profile, profile == "paper" ? 5 : 1, run))
            {
                long resultId = ledger.RecordResult(id, result, at.AddHours(1));
                if (run < 2) ledger.Accept(resultId, at.AddHours(2), "first accepted run");
            }
            ledger.FinishRun(id, at.AddHours(3));
        }
        return ledger;
    }
}
