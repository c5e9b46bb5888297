namespace Repro.Training;

/// <summary>What a training run did: mean loss per epoch and wall time, including epochs restored from a checkpoint.</summary>
public sealed record TrainingLog(IReadOnlyList<double> EpochLoss, int ResumedFromEpoch, double Seconds);
