using Repro.Models;

namespace Repro.Training;

/// <summary>Re-imposed on the model after every optimiser step (e.g. a pruning mask keeps pruned weights at zero while fine-tuning).</summary>
public interface IWeightConstraint
{
    void Apply(Classifier model);
}
