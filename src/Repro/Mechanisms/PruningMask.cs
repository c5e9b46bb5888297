using Repro.Models;
using Repro.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Mechanisms;

/// <summary>
/// Keeps pruned weights at zero while a pruned model is fine-tuned (Table VII's finetune-last): the
/// mask is read off the model's exact zeros when fine-tuning starts and re-imposed after every step.
/// </summary>
public sealed class PruningMask : IWeightConstraint, IDisposable
{
    readonly List<(Tensor Weight, Tensor Mask)> masks;

    public PruningMask(Classifier model)
    {
        using var noGrad = no_grad();
        masks = model.PrunableWeights().Select(w => (w.Weight, w.Weight.ne(0).to_type(w.Weight.dtype))).ToList();
    }

    public void Apply(Classifier model)
    {
        using var noGrad = no_grad();
        foreach (var (weight, mask) in masks) weight.mul_(mask);
    }

    public void Dispose()
    {
        foreach (var (_, mask) in masks) mask.Dispose();
    }
}
