using System.Diagnostics;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Repro.Harness;

/// <summary>
/// The one place that reads the process environment (REPRO_CACHE, REPRO_DATA, REPRO_IMAGENET,
/// REPRO_WEIGHTS, XDG_CACHE_HOME, HOME, GITHUB_SHA) and probes the machine (CUDA, git commit, and the
/// numerics: processor, kernel pin, threads; the pin itself is decided before libtorch loads, in
/// Runtime.TorchProcessSetup).
/// Everything else receives these values.
/// </summary>
public sealed record RunEnvironment(
    string CacheRoot,
    string? DataPath,
    string? ImageNetPath,
    string? WeightsPath,
    string UserDataCache,
    bool CudaAvailable,
    string Commit,
    bool Dirty,
    string Machine,
    string OperatingSystem,
    string TorchSharpVersion,
    string LibTorchVersion,
    Runtime.NumericsRecord Numerics)
{
    public static RunEnvironment Detect(string? cacheOverride = null, string? dataOverride = null)
    {
        string userCache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        string? fromVariable = Environment.GetEnvironmentVariable("REPRO_CACHE") is { Length: > 0 } c ? c : null;
        string cache = cacheOverride ?? fromVariable ?? Path.Combine(userCache, "repro");
        if (File.Exists(cache))
        {
            string source = cacheOverride is not null ? "--cache" : fromVariable is not null ? "REPRO_CACHE" : "the default cache folder";
            throw new ArgumentException($"{source} points to a file ('{Path.GetFullPath(cache)}'); it must be a folder, where Repro keeps trained models and measurements");
        }
        string? data = dataOverride ?? (Environment.GetEnvironmentVariable("REPRO_DATA") is { Length: > 0 } d ? d : null);
        string? imageNet = Environment.GetEnvironmentVariable("REPRO_IMAGENET") is { Length: > 0 } i ? Path.GetFullPath(i) : null;
        string? weights = Environment.GetEnvironmentVariable("REPRO_WEIGHTS") is { Length: > 0 } w ? Path.GetFullPath(w) : null;
        var (commit, dirty) = GitState();
        bool cuda = SafeCudaAvailable();
        return new RunEnvironment(
            Path.GetFullPath(cache),
            data is null ? null : Path.GetFullPath(data),
            imageNet,
            weights,
            Path.Combine(userCache, "repro", "data"),
            cuda,
            commit,
            dirty,
            Environment.MachineName,
            RuntimeInformation.OSDescription,
            typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
            SafeLibTorchVersion(),
            Runtime.NumericsRecord.Current(cuda));
    }

    /// <summary>"cuda" when a GPU is usable, else "cpu"; what results record as their device.</summary>
    public string DeviceName => CudaAvailable ? "cuda" : "cpu";

    static bool SafeCudaAvailable()
    {
        try { return torch.cuda.is_available(); }
        catch (Exception) { return false; }
    }

    static string SafeLibTorchVersion()
    {
        try { return torch.__version__; }
        catch (Exception) { return "unknown"; }
    }

    static (string Commit, bool Dirty) GitState()
    {
        if (Environment.GetEnvironmentVariable("GITHUB_SHA") is { Length: > 0 } sha) return (sha, false);
        var commit = RunGit("rev-parse HEAD");
        // A copy of the build outside its repository still knows the commit it was built from (the SDK stamps it into the
        // informational version); whether that tree was dirty is then unknown, and recorded as clean.
        if (commit is null) return (BuiltFromCommit() ?? "unknown", false);
        var status = RunGit("status --porcelain --untracked-files=no");
        return (commit, !string.IsNullOrWhiteSpace(status));
    }

    /// <summary>The commit in this assembly's informational version ("1.0.0+&lt;sha&gt;"), or null when the build had none.</summary>
    static string? BuiltFromCommit()
    {
        var version = typeof(RunEnvironment).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        int plus = version?.IndexOf('+') ?? -1;
        var sha = plus >= 0 ? version![(plus + 1)..] : null;
        return sha is { Length: 40 } && sha.All(char.IsAsciiHexDigit) ? sha : null;
    }

    static string? RunGit(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            return process.ExitCode == 0 ? output : null;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
