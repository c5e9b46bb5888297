using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// The adaptive attacker's view of a surrogate hardened by similarity unpairing: the same outputs, the input-gradient
/// negated. The paper's penalty pushes cos(∇f_o, ∇f_s) towards -1 (§V-B), so an attacker who knows it crafts with -∇f_o
/// (FGSM, PGD) or hands P-RGF the negated prior. Implemented as f_o(2·x.detach() − x): value f_o(x), d/dx = −∇f_o(x).
/// </summary>
public sealed class GradientReversal : Classifier
{
    readonly Classifier inner;

    public GradientReversal(Classifier inner)
        : base(nameof(GradientReversal), new GradientReversalSpec(inner.Architecture), inner.Input, inner.Classes)
    {
        this.inner = inner;
        register_module("inner", inner);
    }

    public override long FeatureDimension => inner.FeatureDimension;
    public override string? FeaturesUnavailable => inner.FeaturesUnavailable;

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        return inner.forward(Reverse(pixels)).MoveToOuterDisposeScope();
    }

    public override Tensor Features(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        return inner.Features(Reverse(pixels)).MoveToOuterDisposeScope();
    }

    public override Tensor Head(Tensor features) => inner.Head(features);

    static Tensor Reverse(Tensor x) => 2 * x.detach() - x;

    // The wrapped model belongs to its owner: dispose only this wrapper.
    protected override void Dispose(bool disposing)
    {
        if (disposing) ClearModules();
        base.Dispose(disposing);
    }
}

/// <summary>The architecture of a <see cref="GradientReversal"/>: the wrapped one, marked.</summary>
public sealed record GradientReversalSpec(ArchitectureSpec Inner) : ArchitectureSpec
{
    public override string DisplayName => $"{Inner.DisplayName} (gradient reversed)";
    public override string Describe() => $"GradientReversal({Inner.Describe()})";
    protected override Classifier Build(InputShape input, int classes) => new GradientReversal(Inner.Create(input, classes));
    public bool Equals(GradientReversalSpec? other) => other is not null && Describe() == other.Describe();
    public override int GetHashCode() => Describe().GetHashCode();
}
