using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Repro.Benchmarks;
using Repro.Harness;
using Repro.Recipes;
using Repro.Runtime;
using Repro.Storage;

// Commands of our own come first; anything else goes to BenchmarkDotNet (e.g. --filter '*', --list flat).
var options = new Dictionary<string, string>();
var positional = new List<string>();
string? command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
if (command is "layer-ops" or "side-by-side" or "memory" or "memory-one" or "fingerprint" or "prepare" or "loop")
{
    for (int i = 1; i < args.Length; i++)
    {
        if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) options[args[i][2..]] = args[++i];
        else positional.Add(args[i]);
    }
}
if (options.TryGetValue("inputs", out var folder)) SharedInputs.Folder = Path.GetFullPath(folder);

IReadOnlyList<WorkloadSpec> Selected(IEnumerable<WorkloadSpec> fallback) =>
    options.TryGetValue("workloads", out var names) ? names.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(WorkloadCatalog.Get).ToList() : fallback.ToList();

int? Number(string name) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;

switch (command)
{
    case "prepare":
        Console.WriteLine($"inputs: {SharedInputs.Current.Folder}");
        return 0;
    case "side-by-side":
        var root = RepositoryPaths.FindRoot(Directory.GetCurrentDirectory()) ?? RepositoryPaths.FindRoot(AppContext.BaseDirectory) ?? ".";
        return SideBySide.Run(new SideBySide.Options(
            options.GetValueOrDefault("python", "/usr/bin/python3"),
            options.GetValueOrDefault("script", Path.Combine(root, "bench", "pytorch", "side_by_side.py")),
            Selected(WorkloadCatalog.All.Where(w => !w.Optional)),
            options.GetValueOrDefault("pytorch-malloc", "as-shipped") == "tuned",
            Number("rounds") ?? 2,
            options.GetValueOrDefault("json")));
    case "layer-ops":
        var repository = RepositoryPaths.FindRoot(Directory.GetCurrentDirectory()) ?? RepositoryPaths.FindRoot(AppContext.BaseDirectory) ?? ".";
        return LayerOperations.Run(options.GetValueOrDefault("python", "/usr/bin/python3"), Path.Combine(repository, "bench", "pytorch", "layer_ops.py"));
    case "memory":
        return MemoryFlatness.Run(Selected(WorkloadCatalog.All.Where(w => !w.Optional)), Number("runs"), SharedInputs.Folder);
    case "memory-one":
        return MemoryFlatness.RunOne(WorkloadCatalog.Get(positional[0]), int.Parse(positional[1], CultureInfo.InvariantCulture));
    case "fingerprint":
        return OutputFingerprints.Run(Selected(WorkloadCatalog.All));
    case "loop":
        // For profilers (perf, dotnet-trace): one workload, run after run, each run's time printed.
        using (var workload = Repro.Benchmarks.Workloads.Workload.Create(WorkloadCatalog.Get(positional[0]), SharedInputs.Current))
        {
            int runs = Number("runs") ?? 20;
            for (int i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                double cpu = CpuClock.Milliseconds();
                workload.Run();
                Console.WriteLine($"run {i + 1}: {clock.Elapsed.TotalMilliseconds / workload.Spec.OperationsPerRun:F2} ms, " +
                    $"CPU {(CpuClock.Milliseconds() - cpu) / workload.Spec.OperationsPerRun:F2} ms per operation");
            }
        }
        return 0;
    default:
        // BenchmarkDotNet's own command line, plus --workloads a,b (its --filter matches methods, not parameters).
        var forwarded = new List<string>();
        string? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--workloads" && i + 1 < args.Length) only = args[++i];
            else if (args[i] == "--inputs" && i + 1 < args.Length) SharedInputs.Folder = Path.GetFullPath(args[++i]);
            else forwarded.Add(args[i]);
        }
        var config = BenchConfig.Default();
        if (only is not null)
        {
            var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => WorkloadCatalog.Get(n).Name).ToHashSet();
            config = config.AddFilter(new BenchmarkDotNet.Filters.SimpleFilter(c => names.Contains((string)c.Parameters["Workload"])));
        }
        BenchmarkSwitcher.FromTypes(new[] { typeof(TrainingStepBenchmarks), typeof(HotPathBenchmarks) }).Run(forwarded.ToArray(), config);
        return 0;
}
