namespace Repro.Benchmarks;

/// <summary>What a workload runs; the PyTorch script dispatches on the same names.</summary>
public enum WorkloadKind
{
    /// <summary>Optimiser steps of the one <see cref="Repro.Training.Trainer"/> loop, cross-entropy.</summary>
    TrainingStep,

    /// <summary>Trainer steps with the input-gradient unpairing penalty (double backward).</summary>
    UnpairingStep,

    Fgsm,
    Pgd,

    /// <summary>One outer iteration of P-RGF over a batch of samples, the clean-image queries included.</summary>
    PriorGuidedIteration,

    /// <summary>One of Appendix D's similarity metrics between a model and its 8-bit sibling.</summary>
    Similarity,

    /// <summary>Forward passes without gradients (evaluation mode).</summary>
    Forward,

    /// <summary><see cref="Repro.Metrics.Accuracy"/> over the test images.</summary>
    Evaluation,
}
