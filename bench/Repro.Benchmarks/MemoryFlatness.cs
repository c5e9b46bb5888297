using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Repro.Benchmarks;

/// <summary>
/// The native-leak check: each workload runs N times, then 9N more, in a process of its own (so that the kernel's
/// peak resident set, VmHWM, belongs to that workload alone), with a reading after N and after 10N runs, each
/// taken after a full collection. A leak shows as live TorchSharp tensors or glibc's heap in use growing with
/// the runs (one leaked activation per run is megabytes over 10N); the peak resident set is reported beside them.
/// </summary>
public static class MemoryFlatness
{
    /// <summary>What one reading holds.</summary>
    public sealed record Reading(long PeakKiB, long ResidentKiB, long HeapInUseBytes, long HeapFreeBytes, long GcCommittedBytes, long LiveTensors)
    {
        public static Reading Take()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var resident = ResidentMemory.Read();
            var heap = NativeHeap.Read();
            return new Reading(resident.PeakKiB, resident.CurrentKiB, heap.InUseBytes, heap.FreeBytes,
                GC.GetGCMemoryInfo().TotalCommittedBytes, TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
        }
    }

    public sealed record Result(string Workload, int Runs, Reading AfterRuns, Reading AfterTenfold)
    {
        public long PeakGrowthKiB => AfterTenfold.PeakKiB - AfterRuns.PeakKiB;
        public long HeapInUseGrowthBytes => AfterTenfold.HeapInUseBytes - AfterRuns.HeapInUseBytes;

        /// <summary>No native leak: no tensor left alive and glibc's heap in use within the larger of 4 MiB and 2%.</summary>
        public bool LeakFree => AfterTenfold.LiveTensors <= AfterRuns.LiveTensors
            && HeapInUseGrowthBytes <= Math.Max(4L << 20, AfterRuns.HeapInUseBytes / 50);

        /// <summary>Peak resident set within the larger of 16 MiB and 5% (glibc's free lists and the GC's heap settle over the first runs).</summary>
        public bool PeakFlat => PeakGrowthKiB <= Math.Max(16 * 1024, AfterRuns.PeakKiB / 20);
    }

    /// <summary>Checks each workload in a child process; prints a table; 0 when none leaks.</summary>
    public static int Run(IReadOnlyList<WorkloadSpec> specs, int? runs, string inputs)
    {
        var results = new List<Result>();
        Console.WriteLine("| Workload | N | peak RSS after N | after 10N | growth | heap in use after N → 10N | heap free after N → 10N | GC committed | live tensors | leak-free | peak flat |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var spec in specs)
        {
            var r = InChild(spec, runs ?? spec.Iterations, inputs);
            results.Add(r);
            Console.WriteLine($"| {spec.Name} | {r.Runs} | {Mib(r.AfterRuns.PeakKiB << 10)} | {Mib(r.AfterTenfold.PeakKiB << 10)} | {Signed(r.PeakGrowthKiB << 10)} | " +
                $"{Mib(r.AfterRuns.HeapInUseBytes)} → {Mib(r.AfterTenfold.HeapInUseBytes)} | {Mib(r.AfterRuns.HeapFreeBytes)} → {Mib(r.AfterTenfold.HeapFreeBytes)} | " +
                $"{Mib(r.AfterRuns.GcCommittedBytes)} → {Mib(r.AfterTenfold.GcCommittedBytes)} | {r.AfterRuns.LiveTensors} → {r.AfterTenfold.LiveTensors} | " +
                $"{(r.LeakFree ? "yes" : "NO")} | {(r.PeakFlat ? "yes" : "no")} |");
        }
        return results.All(r => r.LeakFree) ? 0 : 1;
    }

    static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    static string Signed(long bytes) => (bytes / 1048576.0).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " MiB";

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
        return JsonSerializer.Deserialize<Result>(line) ?? throw new InvalidDataException($"the memory check of {spec.Name} printed '{line}'");
    }

    /// <summary>The child's side: N runs, a reading, 9N more, a reading, one JSON line.</summary>
    public static int RunOne(WorkloadSpec spec, int runs)
    {
        using var workload = Workloads.Workload.Create(spec, SharedInputs.Current);
        for (int i = 0; i < runs; i++) workload.Run();
        var first = Reading.Take();
        for (int i = 0; i < 9 * runs; i++) workload.Run();
        var second = Reading.Take();
        Console.WriteLine(JsonSerializer.Serialize(new Result(spec.Name, runs, first, second)));
        return 0;
    }
}
