namespace Repro.Benchmarks;

/// <summary>
/// One hot path, described completely enough for Repro and the PyTorch script to run the same work: which
/// model (a name in <see cref="BenchModels"/>), how many images in which batches, and the timing protocol
/// (warm-up runs, measured runs, operations per run; times are reported per operation).
/// </summary>
public sealed record WorkloadSpec(
    string Name,
    WorkloadKind Kind,
    string Model,
    int Images,
    int BatchSize,
    string Description,
    int OperationsPerRun = 1,
    int Warmup = 2,
    int Iterations = 10)
{
    /// <summary>P-RGF's transfer prior (the on-device model), or the frozen original of an unpairing step.</summary>
    public string? Other { get; init; }

    /// <summary>The similarity metric's key ("similarity_logits", ...).</summary>
    public string? Metric { get; init; }

    /// <summary>The unpairing penalty's weight λ.</summary>
    public double Lambda { get; init; }

    /// <summary>Left out unless named (`--workloads`): too slow for a default run on 2 cores (the ResNet50 step takes tens of seconds).</summary>
    public bool Optional { get; init; }

    /// <summary>Constant learning rate of the training steps: small enough that hundreds of steps on a few batches stay finite.</summary>
    public double LearningRate { get; init; } = 0.01;
}
