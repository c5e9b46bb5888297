using System.Diagnostics;

namespace Repro.Unit.Cli;

/// <summary>
/// Runs the built `repro` as a user would, in its own process (exit code, stdout, stderr), against a fresh folder with
/// its own copy of the baselines, its own reports folder and its own cache, so nothing of the repository is touched.
/// </summary>
internal sealed class CliSandbox : IDisposable
{
    public sealed record Outcome(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
    }

    public CliSandbox()
    {
        Root = Directory.CreateTempSubdirectory("cli-").FullName;
        var source = Path.Combine(Reporting.RepositoryPaths.Root, "baselines");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains(".received.", StringComparison.Ordinal)))
        {
            var target = Path.Combine(Baselines, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }
    public string Baselines => Path.Combine(Root, "baselines");
    public string Reports => Path.Combine(Root, "reports");
    public string Cache => Path.Combine(Root, "cache");
    public string Ledger => Path.Combine(Reports, "ledger.db");

    /// <summary>`repro reproduce --profile smoke` of the experiments given, with this sandbox's folders.</summary>
    public Outcome Reproduce(params string[] more) =>
        Run(["reproduce", "--profile", "smoke", "--cache", Cache, "--reports", Reports, "--baselines", Baselines, .. more]);

    public Outcome Run(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "repro.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["REPRO_CACHE"] = Cache;
        start.Environment.Remove("REPRO_DATA");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"repro {string.Join(" ", arguments)} ran over 3 minutes");
        }
        return new Outcome(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Every file and folder under <paramref name="folder"/>, as relative paths.</summary>
    public static IReadOnlyList<string> Entries(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(folder, p)).Order().ToList()
            : Array.Empty<string>();

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
