using Repro.Reporting.Ledger;

namespace Repro.Reporting;

/// <summary>A result the report shows, with its ledger ids, when it was recorded and whether it is the accepted one of its experiment and profile.</summary>
public sealed record ReportEntry(ExperimentResult Result, long? ResultId = null, long? RunId = null, bool Accepted = false, DateTimeOffset? RecordedUtc = null);

/// <summary>
/// Everything <see cref="HtmlReport"/> draws: the paper's baselines, the newest result of each experiment
/// per profile, the metric histories for trend lines, the recent runs and the experiments that failed. Built
/// from the ledger (the normal path) or from results in memory (tests, a results.json).
/// </summary>
public sealed record ReportModel(
    DateTimeOffset GeneratedUtc,
    string Source,
    IReadOnlyDictionary<string, PaperBaseline> Baselines,
    IReadOnlyList<ReportEntry> Entries,
    IReadOnlyList<MetricHistory> Histories,
    IReadOnlyList<LedgerRun> Runs,
    IReadOnlyList<LedgerFailure>? Failures = null)
{
    /// <summary>Experiments the run writing this page has still to measure (the page is rewritten after each one); empty when none.</summary>
    public IReadOnlyList<string> Pending { get; init; } = Array.Empty<string>();

    /// <summary>The paper's headline findings judged at each profile with results (the page opens with them); null or empty when none was judged.</summary>
    public IReadOnlyList<FindingVerdict>? Findings { get; init; }

    /// <summary>The scale study of the design card's example, from the accepted scale-N snapshots; null or empty when none is accepted.</summary>
    public ScaleStudy? ScaleStudy { get; init; }

    /// <summary>Largest scale first; profiles the catalog does not know follow alphabetically.</summary>
    public static readonly IReadOnlyList<string> ProfileOrder = new[] { "paper", "fast", "mini", "mini-5seeds", "mini-5seeds-accepted", "mini-full", "smoke" };

    /// <summary>How many of the newest runs the report lists.</summary>
    public const int RecentRuns = 25;

    public static ReportModel FromLedger(RunLedger ledger, IReadOnlyDictionary<string, PaperBaseline> baselines, DateTimeOffset generatedUtc)
    {
        var latest = ledger.LatestResults();
        var accepted = ledger.AcceptedResultIds();
        var entries = latest.Select(r => new ReportEntry(r.Result, r.ResultId, r.RunId, accepted.Contains(r.ResultId), r.RecordedUtc)).ToList();
        var histories = latest.SelectMany(r => ledger.Histories(r.Result.Experiment, r.Result.Profile)).ToList();
        var runs = ledger.Runs();
        // The ledger by its file name: the page names no folder of the measuring machine.
        return new ReportModel(generatedUtc, $"the run ledger {Path.GetFileName(ledger.DatabasePath)} beside this page", baselines, entries, histories,
            runs.Skip(Math.Max(0, runs.Count - RecentRuns)).Reverse().ToList(), ledger.Failures());
    }

    /// <summary>
    /// The failure the report shows for <paramref name="experiment"/> at <paramref name="profile"/>: its newest one,
    /// unless a result was recorded after it (a later run measured it). Null when it has not failed since.
    /// </summary>
    public LedgerFailure? Failure(string experiment, string profile)
    {
        var failure = (Failures ?? Array.Empty<LedgerFailure>())
            .Where(f => f.Experiment == experiment && f.Profile == profile)
            .MaxBy(f => (f.RecordedUtc, f.Id));
        var entry = Entry(experiment, profile);
        return failure is not null && (entry?.RecordedUtc is not { } measured || failure.RecordedUtc >= measured) ? failure : null;
    }

    /// <summary>Every experiment and profile whose latest attempt failed, in the report's order.</summary>
    public IReadOnlyList<LedgerFailure> CurrentFailures() =>
        Experiments().SelectMany(e => Profiles().Select(p => Failure(e, p))).OfType<LedgerFailure>().ToList();

    public static ReportModel FromResults(IEnumerable<ExperimentResult> results, IReadOnlyDictionary<string, PaperBaseline> baselines,
        DateTimeOffset generatedUtc, string source) =>
        new(generatedUtc, source, baselines, results.Select(r => new ReportEntry(r)).ToList(),
            Array.Empty<MetricHistory>(), Array.Empty<LedgerRun>());

    public IReadOnlyList<string> Profiles()
    {
        var present = Entries.Select(e => e.Result.Profile).Concat((Failures ?? Array.Empty<LedgerFailure>()).Select(f => f.Profile)).Distinct().ToList();
        return present
            .OrderBy(p => { int i = ProfileOrder.ToList().IndexOf(p); return i < 0 ? int.MaxValue : i; })
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The newest entry of <paramref name="experiment"/> at <paramref name="profile"/> (the last one given wins).</summary>
    public ReportEntry? Entry(string experiment, string profile) =>
        Entries.LastOrDefault(e => e.Result.Experiment == experiment && e.Result.Profile == profile);

    /// <summary>Every experiment the report lists: the paper's tables and figures in order, then any others seen.</summary>
    public IReadOnlyList<string> Experiments()
    {
        var names = PaperTableCatalog.All.Select(t => t.Experiment).ToList();
        var failed = (Failures ?? Array.Empty<LedgerFailure>()).Select(f => f.Experiment);
        foreach (var name in Baselines.Keys.Concat(Entries.Select(e => e.Result.Experiment)).Concat(failed).Distinct().OrderBy(n => n, StringComparer.Ordinal))
            if (!names.Contains(name)) names.Add(name);
        return names;
    }

    public MetricHistory? History(string experiment, string profile, string rowId, string metric) =>
        Histories.FirstOrDefault(h => h.Experiment == experiment && h.Profile == profile && h.RowId == rowId && h.Metric == metric);
}
