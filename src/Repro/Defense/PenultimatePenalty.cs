using Repro.Metrics;
using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Defense;

/// <summary>
/// Feature-level unpairing: λ · mean cos(z(x), z'(x)) of the penultimate activations (Table III, third block).
/// Defined only when both models have features of the same width (Appendix E).
/// </summary>
public sealed class PenultimatePenalty(double lambda) : UnpairingPenalty(lambda)
{
    public override PenaltyLocation Location => PenaltyLocation.Feature;

    public override void RequireComparable(Classifier original, Classifier trained)
    {
        if ((original.FeaturesUnavailable ?? trained.FeaturesUnavailable) is { } reason)
            throw new ArgumentException($"feature-level unpairing is not defined here: {reason}");
        if (original.FeatureDimension != trained.FeatureDimension)
            throw new ArgumentException(
                $"feature-level unpairing is not defined here: f ({original.Architecture.DisplayName}) has {original.FeatureDimension}-dimensional penultimate activations, " +
                $"f' ({trained.Architecture.DisplayName}) {trained.FeatureDimension}-dimensional (Appendix E)");
    }

    public override Tensor MeanCosine(Classifier original, TrainedForward trained)
    {
        using var scope = NewDisposeScope();
        Tensor reference;
        using (no_grad()) reference = original.Features(trained.Images.detach());
        return PerSampleCosine.Of(reference, trained.Features).mean().MoveToOuterDisposeScope();
    }
}
