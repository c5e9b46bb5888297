namespace Repro.Training;

/// <summary>
/// The training schedule for every model trained from scratch (App. B: "200 epochs ... the same
/// hyper-parameters the original studies used": for CIFAR ResNets that is SGD 0.1, momentum 0.9,
/// weight decay 5e-4, cosine schedule, batch 128, random crop + flip).
/// </summary>
public sealed record TrainingSettings
{
    public int Epochs { get; init; } = 200;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 0.1;
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Nesterov momentum (Sutskever et al. 2013), as the fast CIFAR recipes use; the paper's recipe uses plain momentum.</summary>
    public bool Nesterov { get; init; }

    /// <summary>
    /// "cosine" (per-step cosine annealing to zero), "linear" (per-step linear annealing to zero; with
    /// <see cref="WarmupEpochs"/> the triangular one-cycle of the fast CIFAR recipes) or "constant".
    /// </summary>
    public string Schedule { get; init; } = "cosine";

    /// <summary>Linear warm-up from 0 over this many epochs (0: none); short schedules need it at lr 0.1.</summary>
    public double WarmupEpochs { get; init; }

    /// <summary>Random 4-pixel-padded crop and horizontal flip.</summary>
    public bool Augment { get; init; } = true;

    /// <summary>The arithmetic of the training steps' convolutions and matrix products on CUDA (on a CPU always float32).</summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Float32;

    /// <summary>
    /// Training batches in the channels-last layout (NHWC strides), which cuDNN's tensor-core kernels take without a
    /// transpose; every convolution then keeps that layout. Same values, other kernels: the last bits may differ.
    /// </summary>
    public bool ChannelsLast { get; init; }

    /// <summary>Save a resumable checkpoint every this many epochs.</summary>
    [Recipes.NotInRecipe]
    public int CheckpointEvery { get; init; } = 1;
}
