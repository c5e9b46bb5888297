using Repro.Attacks;
using Repro.Metrics;
using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Defense;

/// <summary>
/// Input-level unpairing: λ · mean cos(∇_x CE(f(x), y), ∇_x CE(f'(x), y)) (Table III, second block). f''s
/// gradient stays in the graph, so the loss's backward is a double backward through f'. With another
/// <see cref="CosineShape"/> the mean is of |cos| or cos² (orthogonal gradients; not the paper's).
/// </summary>
public sealed class InputGradientPenalty(double lambda, CosineShape shape = CosineShape.Signed) : UnpairingPenalty(lambda)
{
    public CosineShape Shape { get; } = shape;

    // The paper's penalty keeps its text ("input=1"), so its recipes and cache entries are unchanged.
    protected override string Name => Shape switch
    {
        CosineShape.Absolute => "input-abs",
        CosineShape.Squared => "input-sq",
        _ => Kind,
    };

    public override PenaltyLocation Location => PenaltyLocation.Input;

    public override bool NeedsInputGradient => true;

    public override void RequireComparable(Classifier original, Classifier trained)
    {
        if (!original.Input.Equals(trained.Input) || original.Classes != trained.Classes)
            throw new ArgumentException($"input-level unpairing needs the same inputs and classes: f takes {original.Input.Describe()} ({original.Classes} classes), f' {trained.Input.Describe()} ({trained.Classes})");
    }

    public override Tensor MeanCosine(Classifier original, TrainedForward trained)
    {
        using var scope = NewDisposeScope();
        var reference = CrossEntropyInputGradient.Of(original, trained.Images.detach(), trained.Labels);
        var cosine = PerSampleCosine.Of(reference, trained.InputGradient);
        var shaped = Shape switch
        {
            CosineShape.Absolute => cosine.abs(),
            CosineShape.Squared => cosine.square(),
            _ => cosine,
        };
        return shaped.mean().MoveToOuterDisposeScope();
    }
}
