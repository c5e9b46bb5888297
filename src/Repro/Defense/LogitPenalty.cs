using Repro.Metrics;
using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Defense;

/// <summary>Output-level unpairing: λ · mean cos(f(x), f'(x)) of the logits (Table III, first block).</summary>
public sealed class LogitPenalty(double lambda) : UnpairingPenalty(lambda)
{
    public override PenaltyLocation Location => PenaltyLocation.Output;

    public override void RequireComparable(Classifier original, Classifier trained)
    {
        if (original.Classes != trained.Classes)
            throw new ArgumentException($"output-level unpairing needs the same classes: f has {original.Classes}, f' {trained.Classes}");
    }

    public override Tensor MeanCosine(Classifier original, TrainedForward trained)
    {
        using var scope = NewDisposeScope();
        Tensor reference;
        using (no_grad()) reference = original.forward(trained.Images.detach());
        return PerSampleCosine.Of(reference, trained.Logits).mean().MoveToOuterDisposeScope();
    }
}
