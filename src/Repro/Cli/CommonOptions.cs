using System.CommandLine;
using Repro.Profiles;
using Repro.Harness;

namespace Repro.Cli;

/// <summary>Options several commands share, and how they turn into paths and environment.</summary>
public static class CommonOptions
{
    public static Option<string> Profile() => new("--profile", "-p")
    {
        Description = "Scale and protocol: paper (GPU, the paper's scale), fast (GPU, the paper's protocol with short schedules), mini (CPU, minutes), smoke (seconds, wiring only)",
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

    /// <summary>How many independent builds and evaluations run at once; results are the same bits for any number.</summary>
    public static Option<int?> Workers()
    {
        var option = new Option<int?>("--workers")
        {
            Description = "How many independent models and evaluations are built at once (default: the cores left after each worker's OpenMP threads); results do not depend on it",
        };
        option.Validators.Add(result =>
        {
            // A value that is not a whole number gets the parser's own error (exit 2), which names the option; reading it here would throw.
            if (result.Tokens.Count == 0 || !int.TryParse(result.Tokens[^1].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n)) return;
            if (n < 1) result.AddError($"--workers must be at least 1, got {n}");
        });
        return option;
    }

    public static Option<string?> Baselines() => new("--baselines")
    {
        Description = "The baselines folder (default: the repository's baselines/)",
    };

    /// <summary>Where baselines are read and reports written; a path given as a file where a folder is expected is refused, naming its option.</summary>
    public static RepositoryPaths Paths(ParseResult parse, Option<string?> baselines, Option<string?> reports)
    {
        var paths = RepositoryPaths.Discover(baselines: PathValue(parse, baselines), reports: PathValue(parse, reports));
        if (File.Exists(paths.Reports))
            throw new ArgumentException($"{Named(parse, reports, "the reports folder")} points to a file ('{paths.Reports}'); it must be a folder, where index.html, results.json and ledger.db go");
        if (File.Exists(paths.Baselines))
            throw new ArgumentException($"{Named(parse, baselines, "the baselines folder")} points to a file ('{paths.Baselines}'); it must be the baselines folder (paper/*.csv, <profile>/*.verified.json)");
        return paths;
    }

    /// <summary>The run environment with the cache and data set given on the command line (else from the environment variables).</summary>
    public static RunEnvironment Environment(ParseResult parse, Option<string?> cache, Option<string?>? data = null) =>
        RunEnvironment.Detect(PathValue(parse, cache), data is null ? null : PathValue(parse, data));

    /// <summary>The embedded-slice profiles read no data set from disk: a --data given to them would be silently ignored, so it is refused.</summary>
    public static void RefuseDataForEmbeddedProfile(Profile profile, string? data)
    {
        if (data is null || profile.Data.Source != DataSource.Embedded) return;
        var readers = ProfileCatalog.All.Where(p => p.Data.Source != DataSource.Embedded).Select(p => p.Name);
        throw new ArgumentException(
            $"--data '{data}': profile '{profile.Name}' reads the CIFAR-10 slice embedded in Repro ({Repro.Data.EmbeddedSlice.FileName}), not a data folder, " +
            $"so --data would be ignored; drop --data, or use a profile that reads full CIFAR-10 from disk ({string.Join(", ", readers)})");
    }

    static string? PathValue(ParseResult parse, Option<string?> option)
    {
        var value = parse.GetValue(option);
        if (value is not null && string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{option.Name} is empty; expected a path");
        return value;
    }

    static string Named(ParseResult parse, Option<string?> option, string fallback) => parse.GetValue(option) is null ? fallback : option.Name;
}
