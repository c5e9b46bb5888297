using BenchmarkDotNet.Attributes;
using Repro.Benchmarks.Workloads;

namespace Repro.Benchmarks;

/// <summary>
/// The mini training workloads: each measured run is <see cref="WorkloadCatalog.TrainingStepsPerRun"/> Trainer
/// steps (one optimiser per run, as one per training), reported per step.
/// </summary>
public class TrainingStepBenchmarks
{
    Workload? workload;
    double cpuStart;

    public static IEnumerable<string> Names =>
        WorkloadCatalog.All.Where(w => w.OperationsPerRun == WorkloadCatalog.TrainingStepsPerRun).Select(w => w.Name);

    [ParamsSource(nameof(Names))]
    public string Workload { get; set; } = "";

    [GlobalSetup]
    public void Setup() => workload = Repro.Benchmarks.Workloads.Workload.Create(WorkloadCatalog.Get(Workload), SharedInputs.Current);

    [Benchmark(OperationsPerInvoke = WorkloadCatalog.TrainingStepsPerRun)]
    public void Step() => workload!.Run();

    // CPU time of each iteration (warm-up ones included), read by the side-by-side run; outside BenchmarkDotNet's clock.
    [IterationSetup]
    public void StartCpuClock() => cpuStart = CpuClock.Milliseconds();

    [IterationCleanup]
    public void StopCpuClock() => CpuTimes.Add((CpuClock.Milliseconds() - cpuStart) / WorkloadCatalog.TrainingStepsPerRun);

    /// <summary>CPU milliseconds per operation of every iteration since the last <see cref="CpuTimes"/>.Clear().</summary>
    public static List<double> CpuTimes { get; } = new();

    [GlobalCleanup]
    public void Cleanup() => workload?.Dispose();
}
