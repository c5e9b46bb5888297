using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Repro.Benchmarks;

/// <summary>
/// The native-leak check: each workload runs N times, then 9N more, in a process of its own (so that the kernel's
/// peak resident set, VmHWM, belongs to that workload alone); the peak after 10N runs must be the peak after N,
/// up to a small allowance for the allocator settling. A leak of even one activation buffer per run grows it by
/// megabytes. Freed buffers stay in the process (MallocTuning), so a workload's resident set is its peak.
/// </summary>
public static class MemoryFlatness
{
    /// <summary>Growth allowed between N and 10N runs: the larger of 8 MiB and 2% of the first peak.</summary>
    public static long AllowanceKiB(long firstPeakKiB) => Math.Max(8 * 1024, firstPeakKiB / 50);

    public sealed record Result(string Workload, int Runs, ResidentMemory AfterRuns, ResidentMemory AfterTenfold)
    {
        public long GrowthKiB => AfterTenfold.PeakKiB - AfterRuns.PeakKiB;
        public bool Flat => GrowthKiB <= AllowanceKiB(AfterRuns.PeakKiB);
    }

    /// <summary>Checks each workload in a child process; prints a table; 0 when every one is flat.</summary>
    public static int Run(IReadOnlyList<WorkloadSpec> specs, int? runs, string inputs)
    {
        var results = new List<Result>();
        Console.WriteLine("| Workload | runs N | peak RSS after N | peak RSS after 10N | growth | flat |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var spec in specs)
        {
            var result = InChild(spec, runs ?? spec.Iterations, inputs);
            results.Add(result);
            Console.WriteLine($"| {spec.Name} | {result.Runs} | {Mib(result.AfterRuns.PeakKiB)} | {Mib(result.AfterTenfold.PeakKiB)} | " +
                $"{(result.GrowthKiB / 1024.0).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)} MiB | {(result.Flat ? "yes" : "NO")} |");
        }
        return results.All(r => r.Flat) ? 0 : 1;
    }

    static string Mib(long kib) => (kib / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    static Result InChild(WorkloadSpec spec, int runs, string inputs)
    {
        var self = Path.Combine(AppContext.BaseDirectory, "Repro.Benchmarks");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "memory-one", spec.Name, runs.ToString(CultureInfo.InvariantCulture), "--inputs", inputs })
            start.ArgumentList.Add(argument);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"the memory check of {spec.Name} printed no result (exit code {child.ExitCode}):\n{output}");
        var json = JsonNode.Parse(line)!;
        return new Result(spec.Name, runs,
            new ResidentMemory(json["rss1"]!.GetValue<long>(), json["peak1"]!.GetValue<long>()),
            new ResidentMemory(json["rss10"]!.GetValue<long>(), json["peak10"]!.GetValue<long>()));
    }

    /// <summary>The child's side: N runs, a reading, 9N more, a reading, one JSON line.</summary>
    public static int RunOne(WorkloadSpec spec, int runs)
    {
        using var workload = Workloads.Workload.Create(spec, SharedInputs.Current);
        for (int i = 0; i < runs; i++) workload.Run();
        GC.Collect();
        var first = ResidentMemory.Read();
        for (int i = 0; i < 9 * runs; i++) workload.Run();
        GC.Collect();
        var second = ResidentMemory.Read();
        Console.WriteLine(new JsonObject
        {
            ["workload"] = spec.Name, ["rss1"] = first.CurrentKiB, ["peak1"] = first.PeakKiB, ["rss10"] = second.CurrentKiB, ["peak10"] = second.PeakKiB,
        }.ToJsonString());
        return 0;
    }
}
