using Repro.Claims;
using Repro.Reporting;
using Repro.Reporting.Ledger;
using Repro.Reporting.Snapshots;

namespace Repro.Harness;

/// <summary>
/// Rebuilds reports/index.html from the ledger and the paper baselines: no training, seconds. Beside the ledger's results it
/// shows each profile's accepted multi-seed result (<see cref="AcceptedSeedResults"/>) and opens with the paper's headline
/// findings judged at every profile with results. Removes temporary files that killed writers left in the reports folder.
/// </summary>
public static class ReportWriter
{
    /// <summary>Writes the page and returns what it shows (the findings among it, for the console's summary).</summary>
    public static ReportModel Write(RepositoryPaths paths, RunLedger? ledger, IReadOnlyList<IExperiment> catalog, IReadOnlyList<Finding> findings,
        IReadOnlyList<string>? pending = null)
    {
        var baselines = Directory.Exists(paths.PaperBaselines)
            ? PaperBaseline.LoadAll(paths.PaperBaselines)
            : throw new DirectoryNotFoundException($"paper baselines folder '{paths.PaperBaselines}' does not exist; run from the repository or pass --baselines");
        var owned = ledger is null ? new RunLedger(paths.Ledger) : null;
        var model = ReportModel.FromLedger(ledger ?? owned!, baselines, DateTimeOffset.UtcNow);
        model = WithAcceptedSeeds(model, paths, catalog);
        model = model with
        {
            Findings = Judge(model.Entries.Select(e => e.Result), findings),
            Pending = pending ?? Array.Empty<string>(),
            ScaleStudy = Directory.Exists(paths.Baselines) ? ScaleStudy.Load(paths.Baselines) : null,
        };
        // What a killed writer left here (a half-written page, results or ledger, under a temporary name) goes.
        Storage.AtomicFile.SweepStale(paths.Reports);
        HtmlReport.Write(paths.Html, model);
        return model;
    }

    /// <summary>The model with each profile's accepted multi-seed result added as entries of its own profile.</summary>
    public static ReportModel WithAcceptedSeeds(ReportModel model, RepositoryPaths paths, IReadOnlyList<IExperiment> catalog)
    {
        var added = new List<ReportEntry>();
        var profiles = Directory.Exists(paths.Baselines) ? Directory.EnumerateDirectories(paths.Baselines).Select(Path.GetFileName).OfType<string>() : Enumerable.Empty<string>();
        foreach (var profile in profiles.Order(StringComparer.Ordinal))
            if (SeedSpread.For(paths.Baselines, profile) is { } spread)
                added.AddRange(AcceptedSeedResults.From(spread, model.Entries.Select(e => e.Result), catalog,
                    AcceptedSeedResults.Documented(paths.Baselines, spread, catalog)).Select(r => new ReportEntry(r, Accepted: true)));
        return added.Count == 0 ? model : model with { Entries = model.Entries.Concat(added).ToList() };
    }

    /// <summary>Every finding at every profile of <paramref name="results"/> (the newest result of each experiment per profile).</summary>
    public static IReadOnlyList<FindingVerdict> Judge(IEnumerable<ExperimentResult> results, IReadOnlyList<Finding> findings)
    {
        var verdicts = new List<FindingVerdict>();
        foreach (var profile in results.GroupBy(r => r.Profile).OrderBy(g => Order(g.Key)))
        {
            var byExperiment = profile.GroupBy(r => r.Experiment).ToDictionary(g => g.Key, g => g.Last());
            var basis = byExperiment.Values.First().Provenance.Seeds is { Count: > 1 } seeds
                ? $"mean of {seeds.Count} seeds, judged at its standard error"
                : "one seed, judged at the profile's seed spread where measured";
            var evidence = new FindingEvidence(profile.Key, profile.Key == "paper", byExperiment, basis);
            verdicts.AddRange(findings.Select(f => f.Evaluate(evidence)));
        }
        return verdicts;
    }

    static int Order(string profile)
    {
        int i = ReportModel.ProfileOrder.ToList().IndexOf(profile);
        return i < 0 ? int.MaxValue : i;
    }
}
