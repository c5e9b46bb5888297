using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Running;
using Repro.Runtime;
using TorchSharp;

namespace Repro.Benchmarks;

/// <summary>
/// The side-by-side run: every workload measured by BenchmarkDotNet in this process and by the PyTorch script in
/// its own, back to back, with the same thread settings and kernel pin; then one table of medians, spreads and
/// ratios. Each workload is measured in <see cref="Options.Rounds"/> rounds whose order alternates (Repro then
/// PyTorch, PyTorch then Repro, ...), and the rounds' runs are pooled, so that neither side always runs first on
/// a machine whose load drifts. Wall-clock and CPU time are both kept (see <see cref="CpuClock"/>).
/// </summary>
public static class SideBySide
{
    public sealed record Options(string Python, string Script, IReadOnlyList<WorkloadSpec> Workloads, bool SameMallocForPyTorch, int Rounds, string? JsonOut);

    /// <summary>One side's runs: wall-clock and CPU milliseconds per operation.</summary>
    public sealed record Side(TimingSummary Wall, TimingSummary Cpu);

    public sealed record Row(WorkloadSpec Spec, Side Repro, Side PyTorch, string PyTorchCheck)
    {
        public double WallRatio => Repro.Wall.Median / PyTorch.Wall.Median;
        public double CpuRatio => Repro.Cpu.Median / PyTorch.Cpu.Median;
    }

    public static int Run(Options options)
    {
        var inputs = SharedInputs.Current;
        var environment = PyTorchEnvironment(options.SameMallocForPyTorch);
        var numerics = NumericsRecord.Current(cuda: false);
        Console.WriteLine($"Repro:   {numerics.Describe()}");
        using var python = PyTorchProcess.Start(options.Python, options.Script, inputs.Folder, environment);
        Console.WriteLine($"PyTorch: {python}");
        Console.WriteLine($"PyTorch environment: {string.Join(" ", environment.Select(e => $"{e.Name}={e.Value}"))}");
        Console.WriteLine($"Rounds per workload: {options.Rounds} (order alternating); times are per operation, median [p25–p75]");
        Console.WriteLine();

        var artifacts = Path.Combine(inputs.Folder, "BenchmarkDotNet.Artifacts");
        var rows = new List<Row>();
        int turn = 0;
        foreach (var spec in options.Workloads)
        {
            var repro = new List<Side>();
            var pytorch = new List<Side>();
            string check = "";
            for (int round = 0; round < options.Rounds; round++, turn++)
            {
                if (turn % 2 == 0) repro.Add(MeasureRepro(spec, artifacts));
                var (side, answer) = python.Measure(spec);
                pytorch.Add(side);
                check = answer;
                if (turn % 2 == 1) repro.Add(MeasureRepro(spec, artifacts));
            }
            var row = new Row(spec, Pool(repro), Pool(pytorch), check);
            rows.Add(row);
            Console.WriteLine($"{spec.Name,-34} wall: Repro {row.Repro.Wall.Describe(),-22} PyTorch {row.PyTorch.Wall.Describe(),-22} {Ratio(row.WallRatio)}   " +
                $"CPU: Repro {row.Repro.Cpu.Describe(),-22} PyTorch {row.PyTorch.Cpu.Describe(),-22} {Ratio(row.CpuRatio)}   {check}");
        }

        Console.WriteLine();
        Console.WriteLine(Table(rows));
        if (options.JsonOut is { } path) File.WriteAllText(path, Json(rows, numerics.Describe(), python.ToString(), environment));
        return 0;
    }

    /// <summary>The environment the PyTorch script runs in: Repro's thread count, passive OpenMP waiting and Repro's kernel pin.</summary>
    public static List<(string Name, string Value)> PyTorchEnvironment(bool sameMalloc)
    {
        var environment = new List<(string, string)>
        {
            ("OMP_NUM_THREADS", torch.get_num_threads().ToString(CultureInfo.InvariantCulture)),
            ("OMP_WAIT_POLICY", "PASSIVE"),
        };
        environment.AddRange(TorchProcessSetup.Pin.Effective.Variables());
        // oneDNN 2.x (Debian's PyTorch 1.13) also reads the older DNNL_ name.
        if (TorchProcessSetup.Pin.Effective.OneDnn is { } isa) environment.Add(("DNNL_MAX_CPU_ISA", isa));
        if (sameMalloc)
            environment.Add(("GLIBC_TUNABLES", $"glibc.malloc.mmap_threshold={MallocTuning.MmapThresholdBytes}:glibc.malloc.trim_threshold={int.MaxValue}"));
        return environment;
    }

    static Side Pool(IEnumerable<Side> rounds)
    {
        var all = rounds.ToList();
        return new Side(new TimingSummary(all.SelectMany(s => s.Wall.Milliseconds).ToList()), new TimingSummary(all.SelectMany(s => s.Cpu.Milliseconds).ToList()));
    }

    static Side MeasureRepro(WorkloadSpec spec, string artifacts)
    {
        bool training = spec.OperationsPerRun != 1;
        var cpu = training ? TrainingStepBenchmarks.CpuTimes : HotPathBenchmarks.CpuTimes;
        cpu.Clear();
        var summary = BenchmarkRunner.Run(training ? typeof(TrainingStepBenchmarks) : typeof(HotPathBenchmarks), BenchConfig.For(spec, artifacts));
        var report = summary.Reports.SingleOrDefault()
            ?? throw new InvalidOperationException($"BenchmarkDotNet ran no case for {spec.Name}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
        if (!report.Success)
            throw new InvalidOperationException($"BenchmarkDotNet failed on {spec.Name}; `Repro.Benchmarks loop {spec.Name}` runs it without BenchmarkDotNet and shows the error");
        var wall = report.AllMeasurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
            .Select(m => m.Nanoseconds / m.Operations / 1e6)
            .ToList();
        return new Side(new TimingSummary(wall), new TimingSummary(cpu.TakeLast(wall.Count).ToList()));
    }

    static string Ratio(double r) => r.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>The markdown table the README takes.</summary>
    public static string Table(IReadOnlyList<Row> rows)
    {
        var lines = new List<string>
        {
            "| Workload | Repro ms | PyTorch ms | Repro / PyTorch | Repro CPU ms | PyTorch CPU ms | Repro / PyTorch (CPU) |",
            "|---|---:|---:|---:|---:|---:|---:|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Spec.Name} | {r.Repro.Wall.Describe()} | {r.PyTorch.Wall.Describe()} | {Ratio(r.WallRatio)} | " +
            $"{r.Repro.Cpu.Describe()} | {r.PyTorch.Cpu.Describe()} | {Ratio(r.CpuRatio)} |"));
        return string.Join(Environment.NewLine, lines);
    }

    static string Json(IReadOnlyList<Row> rows, string repro, string pytorch, IEnumerable<(string Name, string Value)> environment)
    {
        static JsonArray Array(TimingSummary t) => new(t.Milliseconds.Select(m => (JsonNode)m).ToArray());
        var json = new JsonObject
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["repro"] = repro,
            ["pytorch"] = pytorch,
            ["pytorchEnvironment"] = string.Join(" ", environment.Select(e => $"{e.Name}={e.Value}")),
            ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["workload"] = r.Spec.Name,
                ["description"] = r.Spec.Description,
                ["reproWallMs"] = Array(r.Repro.Wall),
                ["reproCpuMs"] = Array(r.Repro.Cpu),
                ["pytorchWallMs"] = Array(r.PyTorch.Wall),
                ["pytorchCpuMs"] = Array(r.PyTorch.Cpu),
                ["wallRatio"] = r.WallRatio,
                ["cpuRatio"] = r.CpuRatio,
                ["pytorchCheck"] = r.PyTorchCheck,
            }).ToArray()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
