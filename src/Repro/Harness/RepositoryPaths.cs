namespace Repro.Harness;

/// <summary>
/// Where a run reads baselines and writes reports: the repository's <c>baselines/</c> and <c>reports/</c>,
/// found by walking up from a start folder to the one holding Repro.sln (so the CLI and the test hosts,
/// which run from bin/..., agree), or given explicitly.
/// </summary>
public sealed record RepositoryPaths(string Baselines, string Reports)
{
    public string Ledger => Path.Combine(Reports, "ledger.db");
    public string ResultsJson => Path.Combine(Reports, "results.json");
    public string Html => Path.Combine(Reports, "index.html");
    public string PaperBaselines => Path.Combine(Baselines, "paper");

    public static RepositoryPaths Discover(string? start = null, string? baselines = null, string? reports = null)
    {
        var root = FindRoot(start ?? Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory);
        string Resolve(string? given, string name) =>
            Path.GetFullPath(given ?? (root is null ? name : Path.Combine(root, name)));
        return new RepositoryPaths(Resolve(baselines, "baselines"), Resolve(reports, "reports"));
    }

    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Repro.sln"))) return dir.FullName;
        return null;
    }
}
