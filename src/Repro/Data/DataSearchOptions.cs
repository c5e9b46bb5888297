namespace Repro.Data;

/// <summary>
/// Everything <see cref="DatasetLocator"/> may look at, passed in as values: the locator itself reads no
/// environment variable, so the one place that does (the CLI's settings) stays the single source of truth and
/// tests can set every input.
/// </summary>
public sealed record DataSearchOptions
{
    /// <summary>A path the user named explicitly (a command-line option). When set it must hold the data:
    /// falling back to another copy would silently run on data the user did not ask for.</summary>
    public string? ExplicitPath { get; init; }

    /// <summary>The value of REPRO_DATA, when set: a data root (or the data set itself).</summary>
    public string? EnvironmentPath { get; init; }

    /// <summary>The user's data cache folder; see <see cref="DefaultCacheRoot"/>. Downloads go there.</summary>
    public string? CacheRoot { get; init; }

    /// <summary>Whether the official archive may be downloaded into <see cref="CacheRoot"/> as a last resort.</summary>
    public bool AllowDownload { get; init; }

    /// <summary>The HTTP stack to download with (tests pass a fake); null: a default <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>What to download and the checksum it must match.</summary>
    public RemoteArchive Archive { get; init; } = Cifar10.OfficialBinaryArchive;

    /// <summary><c>$XDG_CACHE_HOME/repro/data</c>, or <c>~/.cache/repro/data</c> when XDG_CACHE_HOME is unset or
    /// empty (the XDG base directory rule); the caller passes both values in.</summary>
    public static string DefaultCacheRoot(string? xdgCacheHome, string homeDirectory) =>
        string.IsNullOrEmpty(xdgCacheHome)
            ? Path.Combine(homeDirectory, ".cache", "repro", "data")
            : Path.Combine(xdgCacheHome, "repro", "data");
}
