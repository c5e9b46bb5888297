namespace Repro.Profiles;

/// <summary>How the on-device mechanisms of §IV-A are configured.</summary>
public sealed record MechanismSettings
{
    /// <summary>Quantization: calibration images for the activation ranges (no retraining).</summary>
    public int CalibrationImages { get; init; } = 2000;

    /// <summary>Pruning: sparsity increment ("by 5% from 0-100%").</summary>
    public double PruningStep { get; init; } = 0.05;

    /// <summary>Pruning: stop before the accuracy drop exceeds this ("more than 4% of the target").</summary>
    public double PruningMaxDrop { get; init; } = 4.0;

    /// <summary>"points" (absolute percentage points) or "relative" (percent of the target's accuracy).</summary>
    public string PruningDropUnit { get; init; } = "points";

    /// <summary>"layer" (torch l1_unstructured on each tensor) or "global" (global_unstructured).</summary>
    public string PruningScope { get; init; } = "layer";

    /// <summary>Knowledge distillation temperature (Hinton et al.).</summary>
    public double DistillationTemperature { get; init; } = 20;

    /// <summary>Ratio main loss : distillation loss.</summary>
    public double DistillationRatio { get; init; } = 1.0;

    /// <summary>Multiply the soft loss by T^2 (Hinton's convention, PAPER-NOTES §2.7).</summary>
    public bool DistillationScaleByTemperatureSquared { get; init; } = true;
}
