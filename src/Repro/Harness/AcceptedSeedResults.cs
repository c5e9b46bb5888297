using Repro.Claims;
using Repro.Metrics;
using Repro.Profiles;
using Repro.Reporting;
using Repro.Reporting.Snapshots;

namespace Repro.Harness;

/// <summary>
/// The accepted multi-seed result of a profile: the committed seed spread (<c>baselines/&lt;profile&gt;/seed-spread.json</c>,
/// measured with the paper's protocol of five seeds) shaped as results of the profile "&lt;profile&gt;-&lt;n&gt;seeds-accepted",
/// each cell the mean ± standard deviation over the seeds, and every claim judged on the mean with its standard error.
/// A one-seed result of the same experiment, where given, lends its layout (labels, groups, column headers); the
/// spread's command, commit and date are the provenance. Needs no run: a fresh clone's report already shows it.
/// </summary>
public static class AcceptedSeedResults
{
    public static string ProfileName(string profile, int seeds) => $"{profile}-{seeds}seeds-accepted";

    /// <param name="documented">The causes documented for the spread (<see cref="Documented"/>): a claim that does not hold at five
    /// seeds shows its measured cause beside it; the five-seed verdict is its own.</param>
    /// <summary>
    /// The causes documented for a profile's accepted n-seed result: baselines/&lt;profile&gt;/claims-&lt;n&gt;seeds.json where it documents a
    /// claim (measured on the n-seed means), else the profile's claims.json (the same scale and protocol, measured at seed 0).
    /// </summary>
    public static ClaimExpectations Documented(string baselinesRoot, SeedSpread spread, IReadOnlyList<IExperiment> catalog) =>
        ClaimExpectations.For(baselinesRoot, spread.Profile, RunInputs.ClaimsOf(catalog), $"claims-{spread.Seeds.Count}seeds.json")
            .Or(ClaimExpectations.For(baselinesRoot, spread.Profile, RunInputs.ClaimsOf(catalog)));

    public static IReadOnlyList<ExperimentResult> From(SeedSpread spread, IEnumerable<ExperimentResult> layouts, IReadOnlyList<IExperiment> catalog,
        ClaimExpectations? documented = null)
    {
        var name = ProfileName(spread.Profile, spread.Seeds.Count);
        var baseProfile = ProfileCatalog.TryGet(spread.Profile);
        var variant = baseProfile is null ? null : SeedSpreadMeasurement.Variant(baseProfile, spread.Seeds.Count) with { Name = name };
        var byExperiment = layouts.Where(r => r.Profile == spread.Profile).GroupBy(r => r.Experiment).ToDictionary(g => g.Key, g => g.Last());
        var results = new List<ExperimentResult>();
        foreach (var experiment in catalog.Where(e => spread.Experiments.ContainsKey(e.Name)))
        {
            var cells = spread.Experiments[experiment.Name];
            var layout = byExperiment.GetValueOrDefault(experiment.Name);
            var run = spread.Runs.LastOrDefault(r => r.Experiments.Contains(experiment.Name));
            var rows = (layout?.Rows.Select(r => r.Id) ?? Enumerable.Empty<string>()).Concat(cells.Keys).Distinct().Select(id =>
            {
                var template = layout?.Rows.FirstOrDefault(r => r.Id == id);
                var metrics = cells.TryGetValue(id, out var measured)
                    ? measured.ToDictionary(c => c.Key, c => new MetricValue(c.Value.Mean, c.Value.Std, c.Value.N, c.Value.PerSeed))
                    : new Dictionary<string, MetricValue>();
                return template is null
                    ? new ResultRow(id, id.Split('/')[0], id, metrics)
                    : template with { Metrics = metrics, NotMeasuredReason = metrics.Count == 0 ? template.NotMeasuredReason ?? "not in the seed spread" : null };
            }).ToList();
            var columns = layout?.Columns ?? cells.Values.SelectMany(m => m.Keys).Distinct()
                .Select(key => Metric.Find(key) is { } metric ? MetricColumn.Of(metric) : new MetricColumn(key, key, MetricDirection.Neutral, MetricFormat.Ratio)).ToList();
            var started = run?.StartedUtc ?? DateTimeOffset.UnixEpoch;
            var result = new ExperimentResult(experiment.Name, experiment.PaperReference, experiment.Title, name, columns, rows,
                Array.Empty<FigureSeries>(), layout?.Settings ?? Array.Empty<KeyValuePair<string, string>>(), variant?.Deviations ?? Array.Empty<Deviation>(),
                new Provenance(run?.Commit ?? "unknown", run?.Dirty ?? false, "cpu", layout?.Provenance.TorchSharpVersion ?? "", layout?.Provenance.LibTorchVersion ?? "",
                    run?.Numerics ?? "", layout?.Provenance.OperatingSystem ?? "", started, started.AddSeconds(run?.DurationSeconds ?? 0), spread.Seeds, Array.Empty<string>()))
            {
                UncertaintyNote = $"The accepted {spread.Seeds.Count}-seed result: each value is the mean ± standard deviation over seeds " +
                    $"{string.Join(", ", spread.Seeds)} ({spread.Describe()}); claims are judged on the mean with its standard error (σ/√{spread.Seeds.Count}) at two such uncertainties.",
                ProfileSummary = $"The '{spread.Profile}' profile at {spread.Seeds.Count} seeds, as measured and committed in baselines/{spread.Profile}/{SeedSpread.FileName}.",
            };
            if (variant is not null) result = result with { Figures = experiment.FiguresOf(result, variant) };
            var claims = experiment.Claims.Select(claim =>
                variant is not null && claim.NotApplicable(variant) is { } notHere
                    ? ClaimVerdict.NotMeasured(experiment.Name, claim.Statement, claim.PaperSentence, claim.PaperValue, notHere)
                    : (documented ?? ClaimExpectations.None).Annotate(claim.Evaluate(result), experiment.Name, claim.Id, spread.Profile)).ToList();
            results.Add(result with { Claims = claims });
        }
        return results;
    }
}
