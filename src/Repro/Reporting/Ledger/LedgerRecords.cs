namespace Repro.Reporting.Ledger;

/// <summary>
/// What is known when a run starts (STYLE.md P6): code version, profile, device, library versions, machine,
/// command line, and the numerics (processor, kernel pin, threads; null for runs recorded before schema 2).
/// </summary>
public sealed record RunInfo(
    DateTimeOffset StartedUtc,
    string Commit,
    bool Dirty,
    string Profile,
    string Device,
    string TorchSharpVersion,
    string LibTorchVersion,
    string Machine,
    string CommandLine,
    Runtime.NumericsRecord? Numerics = null);

/// <summary>A run as the ledger holds it; <see cref="FinishedUtc"/> is null for a run still going or killed.</summary>
public sealed record LedgerRun(long Id, RunInfo Info, DateTimeOffset? FinishedUtc, int? ExitCode);

/// <summary>
/// One measured number: a metric of one table row at one seed (null when only an aggregate exists),
/// with the recipe hash / artifact key it was measured on.
/// </summary>
public sealed record Measurement(
    string Experiment,
    string Profile,
    string RowId,
    string Metric,
    int? Seed,
    double Value,
    string? RecipeHash,
    DateTimeOffset RecordedUtc);

/// <summary>A stored <see cref="ExperimentResult"/> with its ledger ids.</summary>
public sealed record LedgerResult(long ResultId, long RunId, DateTimeOffset RecordedUtc, ExperimentResult Result);

/// <summary>A metric of one row in one stored result: mean, std (n − 1) and n over its seeds.</summary>
public sealed record MetricHistoryPoint(long RunId, long? ResultId, DateTimeOffset RecordedUtc, string Commit, double Mean, double Std, int N);

/// <summary>How one row's metric moved across runs, oldest first (for trend lines).</summary>
public sealed record MetricHistory(string Experiment, string Profile, string RowId, string Metric, IReadOnlyList<MetricHistoryPoint> Points);

/// <summary>An experiment that stopped with an error in a run: which, at which profile, the error text, and when.</summary>
public sealed record LedgerFailure(long Id, long RunId, string Experiment, string Profile, string Error, DateTimeOffset RecordedUtc);

/// <summary>How many rows each ledger table holds.</summary>
public sealed record LedgerCounts(long Runs, long Finished, long Measurements, long Results, long Accepted, long Failures = 0);
