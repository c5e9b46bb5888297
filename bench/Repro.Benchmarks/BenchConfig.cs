using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Columns;
using Perfolizer.Mathematics.OutlierDetection;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Repro.Benchmarks;

/// <summary>
/// How BenchmarkDotNet measures here. In-process: the generated-project toolchain would rebuild this
/// solution for every run, and its output would lack the patched libLibTorchSharp.so the build makes on
/// Debian 12. Monitoring strategy, one invocation per iteration: every workload takes milliseconds to seconds,
/// so there is nothing to unroll or calibrate, and the PyTorch side times exactly the same way. No outlier
/// removal: on a shared machine the slow runs are part of the spread, and the PyTorch side keeps them too.
/// </summary>
public static class BenchConfig
{
    static Job Base => Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithStrategy(RunStrategy.Monitoring)
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithOutlierMode(OutlierMode.DontRemove);

    /// <summary>For `dotnet run -- --filter ...`: modest counts, fit for a noisy 2-core machine (override on the command line); managed bytes allocated per operation.</summary>
    public static IConfig Default() =>
        DefaultConfig.Instance.AddJob(Base.WithWarmupCount(5).WithIterationCount(10).AsDefault())
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Q1, StatisticColumn.Q3)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));

    /// <summary>One workload with its own counts, quiet, for the side-by-side run.</summary>
    public static IConfig For(WorkloadSpec spec, string artifacts) =>
        ManualConfig.CreateEmpty()
            .AddJob(Base.WithWarmupCount(spec.Warmup).WithIterationCount(spec.Iterations))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(BenchmarkDotNet.Loggers.NullLogger.Instance)
            .AddFilter(new BenchmarkDotNet.Filters.SimpleFilter(c => Equals(c.Parameters["Workload"], spec.Name)))
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.JoinSummary);
}
