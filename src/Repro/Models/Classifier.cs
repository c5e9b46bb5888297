using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// An image classifier that takes [0, 1] pixels (normalisation inside, STYLE.md P3) and exposes both
/// its logits (<see cref="nn.Module{T,TResult}.forward"/>) and its penultimate activations
/// (<see cref="Features"/>), which the activation-similarity metric of Appendix D compares.
/// </summary>
public abstract class Classifier : nn.Module<Tensor, Tensor>
{
    protected Classifier(string name, ArchitectureSpec architecture, InputShape input, int classes) : base(name)
    {
        Architecture = architecture;
        Input = input;
        Classes = classes;
    }

    public ArchitectureSpec Architecture { get; }
    public InputShape Input { get; }
    public int Classes { get; }

    /// <summary>Length of the penultimate activation vector (what <see cref="Features"/> returns per image).</summary>
    public abstract long FeatureDimension { get; }

    /// <summary>Penultimate activations [N, FeatureDimension] of [0, 1] pixels: the input of the classification head.</summary>
    public abstract Tensor Features(Tensor pixels);

    /// <summary>The classification head applied to <see cref="Features"/>.</summary>
    public abstract Tensor Head(Tensor features);

    /// <summary>
    /// Why <see cref="Features"/> and <see cref="Head"/> cannot be called (a loaded file that exports no such split), or null
    /// when they can: the activation similarity and the feature-level penalty then say "not measurable" instead of a number.
    /// </summary>
    public virtual string? FeaturesUnavailable => null;

    /// <summary>Logits of [0, 1] pixels: the head of the features (a loaded file runs its own forward instead).</summary>
    public override Tensor forward(Tensor pixels)
    {
        using var features = Features(pixels);
        return Head(features);
    }

    /// <summary>Every quantizable layer (all convolutions and linear layers), in registration order.</summary>
    public IEnumerable<IQuantizableLayer> QuantizableLayers() => modules().OfType<IQuantizableLayer>();

    /// <summary>Weights that pruning may zero: every convolution and linear weight, with its state-dict name.</summary>
    public IEnumerable<(string Name, Tensor Weight)> PrunableWeights()
    {
        foreach (var (name, parameter) in named_parameters())
        {
            if (!name.EndsWith("weight", StringComparison.Ordinal) || parameter.dim() < 2) continue;
            yield return (name, parameter);
        }
    }

    public long ParameterCount() => parameters().Sum(p => p.numel());
}
