namespace Repro.Training;

/// <summary>
/// Learning rate as a function of the global step: linear warm-up, then cosine annealing to zero (the CIFAR recipes
/// the paper follows anneal over the whole run), linear annealing to zero (with warm-up, the triangular one-cycle of
/// the fast CIFAR recipes: Page's DAWNBench ResNet, Jordan's airbench), or constant.
/// </summary>
public sealed class LearningRateSchedule
{
    enum Shape { Cosine, Linear, Constant }

    readonly double peak;
    readonly long warmupSteps;
    readonly long totalSteps;
    readonly Shape shape;

    public LearningRateSchedule(TrainingSettings settings, long stepsPerEpoch)
    {
        if (stepsPerEpoch <= 0) throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), "an epoch needs at least one step");
        shape = settings.Schedule switch
        {
            "cosine" => Shape.Cosine,
            "linear" => Shape.Linear,
            "constant" => Shape.Constant,
            _ => throw new ArgumentException($"unknown learning-rate schedule '{settings.Schedule}'; expected 'cosine', 'linear' or 'constant'"),
        };
        peak = settings.LearningRate;
        totalSteps = settings.Epochs * stepsPerEpoch;
        warmupSteps = (long)Math.Round(settings.WarmupEpochs * stepsPerEpoch);
    }

    public double At(long step)
    {
        if (warmupSteps > 0 && step < warmupSteps) return peak * (step + 1) / warmupSteps;
        if (shape == Shape.Constant || totalSteps <= warmupSteps) return peak;
        double progress = Math.Clamp((double)(step - warmupSteps) / (totalSteps - warmupSteps), 0, 1);
        return shape == Shape.Cosine ? 0.5 * peak * (1 + Math.Cos(Math.PI * progress)) : peak * (1 - progress);
    }
}
