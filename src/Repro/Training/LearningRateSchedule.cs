
namespace Repro.Training;

/// <summary>
/// Learning rate as a function of the global step: linear warm-up, then cosine annealing to zero
/// (the CIFAR recipes the paper follows anneal over the whole run) or constant.
/// </summary>
public sealed class LearningRateSchedule
{
    readonly double peak;
    readonly long warmupSteps;
    readonly long totalSteps;
    readonly bool cosine;

    public LearningRateSchedule(TrainingSettings settings, long stepsPerEpoch)
    {
        if (stepsPerEpoch <= 0) throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), "an epoch needs at least one step");
        cosine = settings.Schedule switch
        {
            "cosine" => true,
            "constant" => false,
            _ => throw new ArgumentException($"unknown learning-rate schedule '{settings.Schedule}'; expected 'cosine' or 'constant'"),
        };
        peak = settings.LearningRate;
        totalSteps = settings.Epochs * stepsPerEpoch;
        warmupSteps = (long)Math.Round(settings.WarmupEpochs * stepsPerEpoch);
    }

    public double At(long step)
    {
        if (warmupSteps > 0 && step < warmupSteps) return peak * (step + 1) / warmupSteps;
        if (!cosine || totalSteps <= warmupSteps) return peak;
        double progress = Math.Clamp((double)(step - warmupSteps) / (totalSteps - warmupSteps), 0, 1);
        return 0.5 * peak * (1 + Math.Cos(Math.PI * progress));
    }
}
