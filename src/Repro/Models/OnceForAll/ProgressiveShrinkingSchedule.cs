namespace Repro.Models.OnceForAll;

/// <summary>
/// How long and how fast each phase of progressive shrinking trains (Cai et al. 2020, §3.2 and App. B).
/// <see cref="Paper"/> is the published ImageNet schedule: the full network 180 epochs at learning rate
/// 2.6 (batch 2048), elastic kernel 120 epochs at 0.96, elastic depth 25 + 125 epochs at 0.08 and 0.24,
/// elastic width the same. Smaller schedules keep those learning-rate ratios to the first phase.
/// </summary>
public sealed record ProgressiveShrinkingSchedule(int LargestEpochs, int KernelEpochs, int DepthEpochs, int ExpandEpochs,
    double LearningRate, int Seed = 0)
{
    public static ProgressiveShrinkingSchedule Paper { get; } = new(180, 120, 150, 150, 2.6);

    public double Momentum { get; init; } = 0.9;

    /// <summary>Weight decay on weights (not on batch norm or biases, as the reference does).</summary>
    public double WeightDecay { get; init; } = 3e-5;

    /// <summary>Weight of the distillation term (soft-target cross-entropy from the largest network); OFA's kd_ratio.</summary>
    public double DistillationWeight { get; init; } = 1.0;

    /// <summary>The phases in order, with the per-phase learning rates, candidate sets and sub-nets sampled per step.</summary>
    public IReadOnlyList<ProgressiveShrinkingPhase> Phases()
    {
        int[] d4 = { 4 }, e6 = { 6 }, k7 = { 7 };
        var all = OfaSubnetConfig.KernelSizes.ToArray();
        // The reference splits depth and width into a short first stage (25 of 150 epochs) and a long second one.
        static (int First, int Second) Split(int epochs)
        {
            if (epochs < 2) return (0, epochs);
            int first = Math.Max(1, (int)Math.Round(epochs * 25.0 / 150));
            return (first, epochs - first);
        }
        var (depth1, depth2) = Split(DepthEpochs);
        var (expand1, expand2) = Split(ExpandEpochs);
        double lr(double published) => LearningRate * published / 2.6;
        return new[]
        {
            new ProgressiveShrinkingPhase("largest", LargestEpochs, LearningRate, 1, d4, e6, k7, 0),
            new ProgressiveShrinkingPhase("elastic kernel", KernelEpochs, lr(0.96), 1, d4, e6, all, 0),
            new ProgressiveShrinkingPhase("elastic depth 1", depth1, lr(0.08), 2, new[] { 3, 4 }, e6, all, 0),
            new ProgressiveShrinkingPhase("elastic depth 2", depth2, lr(0.24), 2, new[] { 2, 3, 4 }, e6, all, 0),
            new ProgressiveShrinkingPhase("elastic width 1", expand1, lr(0.08), 4, new[] { 2, 3, 4 }, new[] { 4, 6 }, all, 1),
            new ProgressiveShrinkingPhase("elastic width 2", expand2, lr(0.24), 4, new[] { 2, 3, 4 }, new[] { 3, 4, 6 }, all, 2),
        }.Where(p => p.Epochs > 0).ToList();
    }
}

/// <summary>
/// One phase: the candidate depths, expand ratios and kernels sampled from (per unit / per block), how many
/// sub-nets each step accumulates gradients over (the reference's dynamic batch size), and the channel
/// sorting stage run before it (0: none).
/// </summary>
public sealed record ProgressiveShrinkingPhase(string Name, int Epochs, double LearningRate, int SubnetsPerStep,
    int[] Depths, int[] ExpandRatios, int[] Kernels, int SortStage);
