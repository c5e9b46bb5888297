using BenchmarkDotNet.Attributes;
using Repro.Benchmarks.Workloads;

namespace Repro.Benchmarks;

/// <summary>The workloads whose measured run is one operation (attacks, metrics, forward passes, the ResNet50 step).</summary>
public class HotPathBenchmarks
{
    Workload? workload;
    double cpuStart;

    public static IEnumerable<string> Names => WorkloadCatalog.All.Where(w => w.OperationsPerRun == 1).Select(w => w.Name);

    [ParamsSource(nameof(Names))]
    public string Workload { get; set; } = "";

    [GlobalSetup]
    public void Setup() => workload = Repro.Benchmarks.Workloads.Workload.Create(WorkloadCatalog.Get(Workload), SharedInputs.Current);

    [Benchmark]
    public void Run() => workload!.Run();

    // CPU time of each iteration (warm-up ones included), read by the side-by-side run; outside BenchmarkDotNet's clock.
    [IterationSetup]
    public void StartCpuClock() => cpuStart = CpuClock.Milliseconds();

    [IterationCleanup]
    public void StopCpuClock() => CpuTimes.Add((CpuClock.Milliseconds() - cpuStart) / 1);

    /// <summary>CPU milliseconds per operation of every iteration since the last <see cref="CpuTimes"/>.Clear().</summary>
    public static List<double> CpuTimes { get; } = new();

    [GlobalCleanup]
    public void Cleanup() => workload?.Dispose();
}
