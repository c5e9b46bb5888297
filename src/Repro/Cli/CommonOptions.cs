using System.CommandLine;
using Repro.Experiments;

namespace Repro.Cli;

/// <summary>Options several commands share, and how they turn into paths and environment.</summary>
public static class CommonOptions
{
    public static Option<string> Profile() => new("--profile", "-p")
    {
        Description = "Scale and protocol: paper (GPU, the paper's scale), mini (CPU, minutes), smoke (seconds, wiring only)",
        DefaultValueFactory = _ => "mini",
    };

    public static Option<string?> Cache() => new("--cache")
    {
        Description = "Artifact cache folder (default: $REPRO_CACHE, else ~/.cache/repro)",
    };

    public static Option<string?> Data() => new("--data")
    {
        Description = "CIFAR-10 location for profiles that do not use the embedded slice (default: $REPRO_DATA, then ~/.cache/repro/data)",
    };

    public static Option<string?> Reports() => new("--reports")
    {
        Description = "Where index.html, results.json and ledger.db go (default: the repository's reports/)",
    };

    public static Option<string?> Baselines() => new("--baselines")
    {
        Description = "The baselines folder (default: the repository's baselines/)",
    };

    public static RepositoryPaths Paths(ParseResult parse, Option<string?> baselines, Option<string?> reports) =>
        RepositoryPaths.Discover(baselines: parse.GetValue(baselines), reports: parse.GetValue(reports));
}
