using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Training;

/// <summary>
/// The loss a training run minimises for one batch: plain cross-entropy, knowledge distillation,
/// similarity-unpairing... The one <see cref="Trainer"/> loop is shared by all of them.
/// </summary>
public interface ITrainingObjective
{
    /// <summary>Scalar loss for a batch of [0, 1] images; the model is in training mode.</summary>
    Tensor Loss(Classifier model, Tensor images, Tensor labels);

    /// <summary>Canonical description for recipe hashes, e.g. "ce" or "kd(T=20;ratio=1)".</summary>
    string Describe();
}
