using Repro.Catalogs;

namespace Repro.Harness.Planning;

/// <summary>Every scheduler a plan exports to (STYLE.md P5: a typed list; an unknown --format gets a suggestion).</summary>
public static class PlanExports
{
    /// <summary>
    /// What the shared cache needs of its filesystem, as ArtifactStore does it (written into every exported file as comment lines):
    /// a per-key lock is flock(2) on a lock file (.NET's FileShare.None), an artifact is built in a temporary folder and published by
    /// rename(2), plan jobs' ledgers are written locally and copied in whole (no SQLite on the shared filesystem).
    /// </summary>
    public static readonly string[] SharedFilesystem =
    {
        "Shared cache: each artifact key is locked with flock(2) on <key>.lock and published by rename(2) of a complete temporary",
        "folder; job ledgers are written on local disk and copied in whole. The filesystem must make flock coherent across nodes",
        "(NFSv4, or NFSv3 with lockd, and not mounted with local_lock=flock or local_lock=all; Lustre mounted with -o flock, not",
        "localflock) and rename atomic. Where flock is only node-local the cache is not safe to share: two nodes can build one key",
        "at once, and a job starting on one node can sweep away another node's build in progress as a killed run's leftover.",
    };

    /// <summary><see cref="SharedFilesystem"/> as comment lines with <paramref name="indent"/>.</summary>
    public static string SharedFilesystemComment(string indent = "") => string.Concat(SharedFilesystem.Select(l => $"{indent}# {l}\n"));

    public static IReadOnlyList<IPlanExport> All { get; } = new IPlanExport[] { new SlurmExport(), new ActionsExport(), new KubernetesExport() };

    public static IPlanExport Get(string format) =>
        All.FirstOrDefault(e => string.Equals(e.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--format '{format}' is not known; did you mean '{NameSuggestion.Closest(format, All.Select(e => e.Format).ToList())}'? " +
            $"Known: {string.Join(", ", All.Select(e => $"{e.Format} ({e.Description})"))}");

    /// <summary>A time limit for a level: three times its longest job's estimate (estimates are lower bounds), one hour at least, a week at most.</summary>
    public static TimeSpan Limit(IEnumerable<PlanJob> jobs)
    {
        double hours = jobs.Select(j => j.Hours ?? 24).DefaultIfEmpty(1).Max();
        return TimeSpan.FromHours(Math.Clamp(Math.Ceiling(3 * hours), 1, 168));
    }
}
