using Repro.Metrics;

namespace Repro.Benchmarks;

/// <summary>
/// The hot paths of a reproduction run, at the mini profile's sizes: what the side-by-side table lists, in
/// order. Counts are chosen so that each side of a workload measures for a few seconds on 2 cores, after
/// warm-up runs long enough for .NET's tiered JIT to have compiled the hot paths' final code (measured: P-RGF's
/// many small methods settle after about 30 iterations, the forward passes after about 10).
/// </summary>
public static class WorkloadCatalog
{
    /// <summary>Trainer steps per measured run of the mini training workloads (the optimiser is made once per run).</summary>
    public const int TrainingStepsPerRun = 4;

    public static IReadOnlyList<WorkloadSpec> All { get; } = new[]
    {
        Training("train-step/resnet-mini", BenchModels.Server),
        Training("train-step/nasnet-mini", "nasnet-mini"),
        Training("train-step/mobilenetv2-mini", "mobilenetv2-mini"),
        Training("train-step/squeezenet-mini", "squeezenet-mini"),
        new WorkloadSpec("train-step/resnet50", WorkloadKind.TrainingStep, "resnet50", 128, 128,
            "one Trainer step of the paper's CIFAR ResNet50, batch 128", OperationsPerRun: 1, Warmup: 1, Iterations: 3) { Optional = true },
        new WorkloadSpec("unpairing-step/resnet-mini", WorkloadKind.UnpairingStep, BenchModels.Server, 128, 128,
            "one Trainer step with the input-gradient unpairing penalty (λ = 1, double backward), batch 128",
            OperationsPerRun: TrainingStepsPerRun, Warmup: 3, Iterations: 6) { Other = BenchModels.Server, Lambda = 1 },
        new WorkloadSpec("fgsm/resnet-mini", WorkloadKind.Fgsm, BenchModels.Server, 500, 250, "FGSM on 500 images (TransferAttackRunner, batches of 250)", Warmup: 15, Iterations: 12),
        new WorkloadSpec("pgd10/resnet-mini", WorkloadKind.Pgd, BenchModels.Server, 500, 250, "PGD-10 on 500 images", Warmup: 2, Iterations: 5),
        new WorkloadSpec("pgd10/resnet-mini-int8", WorkloadKind.Pgd, BenchModels.Server8Bit, 500, 250, "PGD-10 on 500 images, crafted on the 8-bit model", Warmup: 2, Iterations: 5),
        new WorkloadSpec("prgf-iteration/resnet-mini", WorkloadKind.PriorGuidedIteration, BenchModels.Server, 100, 2000,
            "one P-RGF iteration over 100 samples (q = S = 10, half-width ResNet-mini prior)", Warmup: 30, Iterations: 12) { Other = BenchModels.Prior },
        Similarity(LogitSimilarity.Instance),
        Similarity(InputGradientSimilarity.Instance),
        Similarity(PenultimateSimilarity.Instance),
        new WorkloadSpec("int8-forward/resnet-mini", WorkloadKind.Forward, BenchModels.Server8Bit, 1000, 250, "forward of 1,000 images through the 8-bit model", Warmup: 15, Iterations: 12),
        new WorkloadSpec("evaluation/resnet-mini", WorkloadKind.Evaluation, BenchModels.Server, 1000, 250, "accuracy on 1,000 images", Warmup: 15, Iterations: 12),
    };

    public static WorkloadSpec Get(string name) =>
        All.FirstOrDefault(w => w.Name == name) ?? throw new ArgumentException($"no workload '{name}'; expected one of {string.Join(", ", All.Select(w => w.Name))}");

    static WorkloadSpec Training(string name, string model) =>
        new(name, WorkloadKind.TrainingStep, model, 128, 128, $"one Trainer step of {model}, batch 128", OperationsPerRun: TrainingStepsPerRun, Warmup: 4, Iterations: 8);

    static WorkloadSpec Similarity(ModelSimilarity metric) =>
        new($"{metric.Key.Replace('_', '-')}/resnet-mini", WorkloadKind.Similarity, BenchModels.Server, 500, 250,
            $"{metric.Key} of the mini server and its 8-bit sibling on 500 images", Warmup: 6, Iterations: 10)
        { Other = BenchModels.Server8Bit, Metric = metric.Key };
}
