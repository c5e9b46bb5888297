using Repro.Metrics;
using Repro.Models.OnceForAll;
using Repro.Profiles;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;

namespace Repro.Paper;

/// <summary>
/// Figure 1 (§IV-D): the more it costs to make the on-device model, the less it helps the attacker.
/// Left: the server fine-tuned for more and more epochs (snapshots of one run) as the prior. Right: OFA
/// sub-networks at a growing l1 architectural difference from the (4, 6, 7) server, sharing their
/// parameters (the pairs of Table I's OFA group; same cached evaluations).
/// Measured wall time, mini profile: about 2 minutes beyond what Table I already built.
/// </summary>
public sealed partial class Figure1_CostVsSecurity : PaperExperiment
{

    public override ExperimentResult Run(RunContext context)
    {
        var result = new ResultBuilder(this, context, new[] { Columns.Accuracy, Columns.RfrFgsm, Columns.RfrPgd, Columns.Queries, Columns.FoolingRate });
        var evaluator = context.Evaluator();
        var epochs = Snapshots(context.Profile.CostSweep);
        const string epochsGroup = "Fine-tuning epochs (server, CIFAR10)";
        foreach (int e in epochs) result.Row($"epochs/{e}", epochsGroup, $"Server fine-tuned {e} epochs");

        var configs = SweptSubnets;
        const string archGroup = "Architectural difference (OFA sub-networks, CIFAR10)";
        foreach (var c in configs)
            result.Row($"arch-diff/{c.Depth}-{c.ExpandRatio}-{c.KernelSize}", archGroup,
                $"OFA {c} | difference {OfaSubnetConfig.ArchitecturalDifference(c, OfaSubnetConfig.Largest)}");

        foreach (int seed in context.Profile.Seeds)
        {
            var server = context.Zoo.Server(seed);
            foreach (int e in epochs)
            {
                var device = e == 0 ? server : context.Zoo.FineTuneSnapshot(seed, e);
                VulnerabilityMeasurement.Measure(result, evaluator, $"epochs/{e}", server, device);
            }
            if (!context.Profile.Models.IncludeOnceForAll) continue;
            var ofaServer = context.Zoo.OfaSubnet(OfaSubnetConfig.Largest, seed);
            foreach (var c in configs)
                VulnerabilityMeasurement.Measure(result, evaluator, $"arch-diff/{c.Depth}-{c.ExpandRatio}-{c.KernelSize}", ofaServer, context.Zoo.OfaSubnet(c, seed));
        }
        if (!context.Profile.Models.IncludeOnceForAll)
            foreach (var c in configs)
                result.NotMeasured($"arch-diff/{c.Depth}-{c.ExpandRatio}-{c.KernelSize}",
                    $"the OFA sweep does not run at the '{context.Profile.Name}' profile (Models.IncludeOnceForAll = false): it runs at 'mini-full' (Category CpuFull) and 'paper'");

        var built = result.Build();
        return built with { Figures = FiguresOf(built, context.Profile) };
    }

    /// <summary>Figure 1's panels from the rows of <paramref name="built"/>: one per vulnerability measure and axis, with the x of every paper row.</summary>
    public override IReadOnlyList<FigureSeries> FiguresOf(ExperimentResult built, Profile profile)
    {
        var epochs = Snapshots(profile.CostSweep);
        var configs = SweptSubnets;
        double Epoch(ResultRow row) => double.Parse(row.Id["epochs/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        double Difference(ResultRow row)
        {
            var parts = row.Id["arch-diff/".Length..].Split('-').Select(int.Parse).ToArray();
            return OfaSubnetConfig.ArchitecturalDifference(new OfaSubnetConfig(parts[0], parts[1], parts[2]), OfaSubnetConfig.Largest);
        }
        // The x of every row the paper's figure has (its 200-epoch sweep, every OFA sub-network), so the report draws the paper beside.
        var epochX = Snapshots(PaperProfile.Create().CostSweep).Concat(epochs).Distinct().ToDictionary(e => $"epochs/{e}", e => (double)e);
        var differenceX = configs.ToDictionary(c => $"arch-diff/{c.Depth}-{c.ExpandRatio}-{c.KernelSize}", c => (double)OfaSubnetConfig.ArchitecturalDifference(c, OfaSubnetConfig.Largest));
        string? ofaMissing = profile.Models.IncludeOnceForAll ? null
            : $"the OFA sweep does not run at the '{profile.Name}' profile: measure it with `repro reproduce --profile mini-full -e Figure1`";
        var figures = new List<FigureSeries>();
        foreach (var (prefix, axis, x, rowX, missing) in new (string, string, Func<ResultRow, double>, Dictionary<string, double>, string?)[]
                 { ("epochs/", "# Epochs", Epoch, epochX, null), ("arch-diff/", "Architectural difference (l1)", Difference, differenceX, ofaMissing) })
        {
            // One panel per vulnerability measure, as the paper draws them: RFR (FGSM and PGD-10), # Queries, FR.
            FigureSeries Panel(string panel, string series, Metric metric, string yLabel) =>
                Series(built, prefix, panel, series, metric, axis, yLabel, x) with { Metric = metric.Key, PaperRowX = rowX, NotMeasured = missing };
            figures.Add(Panel($"RFR vs {axis}", "FGSM", Metric.RfrFgsm, "RFR"));
            figures.Add(Panel($"RFR vs {axis}", "PGD-10", Metric.RfrPgd10, "RFR"));
            figures.Add(Panel($"# Queries vs {axis}", "P-RGF", Metric.Queries, "# Queries"));
            figures.Add(Panel($"FR vs {axis}", "P-RGF", Metric.FoolingRate, "FR (%)"));
        }
        return figures;
    }

    /// <summary>The fine-tuning epochs a sweep snapshots: 0, then every SnapshotEvery up to FinetuneEpochs.</summary>
    static List<int> Snapshots(CostSweepSettings sweep) =>
        new[] { 0 }.Concat(Enumerable.Range(1, sweep.FinetuneEpochs / sweep.SnapshotEvery).Select(i => i * sweep.SnapshotEvery)).ToList();

    /// <summary>The server (4, 6, 7) and Table I's OFA sub-networks, by growing architectural difference from it.</summary>
    static List<OfaSubnetConfig> SweptSubnets =>
        new[] { OfaSubnetConfig.Largest }.Concat(Table01_OnDevicePriors.OfaSubnets).OrderBy(c => OfaSubnetConfig.ArchitecturalDifference(c, OfaSubnetConfig.Largest)).ToList();

    static FigureSeries Series(ExperimentResult result, string prefix, string panel, string series, Metric metric, string xLabel, string yLabel,
        Func<ResultRow, double> x)
    {
        var points = result.Rows
            .Where(r => r.Id.StartsWith(prefix, StringComparison.Ordinal) && r.Metrics.ContainsKey(metric.Key))
            .Select(r => new FigurePoint(x(r), r.Metrics[metric.Key], r.Label))
            .OrderBy(p => p.X)
            .ToList();
        return new FigureSeries("Figure 1", panel, series, xLabel, yLabel, points);
    }
}
