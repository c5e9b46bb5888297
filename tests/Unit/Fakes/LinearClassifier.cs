using Repro.Models;
using Repro.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Unit.Fakes;

/// <summary>What a <see cref="LinearClassifier"/> does to its pixels before the linear map.</summary>
public enum PixelTransform
{
    None,
    /// <summary>round(255 x) / 255 with no gradient: a server whose loss is flat under tiny probes (exercises sigma retries).</summary>
    RoundToEightBits,
    /// <summary>8-bit fake quantization with a straight-through gradient (the on-device int8 models' mechanism).</summary>
    FakeQuantize,
}

/// <summary>
/// logits = W x + b on the flattened [0, 1] pixels: the cross-entropy input-gradient is W^T (softmax - onehot),
/// so attacks can be checked against closed forms computed in double precision.
/// </summary>
public sealed class LinearClassifier : Classifier
{
    readonly Parameter weight;
    readonly Parameter bias;
    readonly PixelTransform transform;

    public LinearClassifier(double[,] weight, double[] bias, InputShape input, PixelTransform transform = PixelTransform.None)
        : base(nameof(LinearClassifier), new LinearSpec(), input, weight.GetLength(0))
    {
        if (weight.GetLength(1) != input.Dimension || bias.Length != weight.GetLength(0))
            throw new ArgumentException("weight must be [classes, C*H*W] and bias [classes]");
        Weight = (double[,])weight.Clone();
        Bias = (double[])bias.Clone();
        this.transform = transform;
        var flat = new float[weight.Length];
        for (int k = 0; k < weight.GetLength(0); k++)
            for (int i = 0; i < weight.GetLength(1); i++) flat[k * weight.GetLength(1) + i] = (float)weight[k, i];
        this.weight = new Parameter(tensor(flat).view(weight.GetLength(0), weight.GetLength(1)));
        this.bias = new Parameter(tensor(bias.Select(b => (float)b).ToArray()));
        RegisterComponents();
    }

    public double[,] Weight { get; }
    public double[] Bias { get; }
    public override long FeatureDimension => Input.Dimension;

    public override Tensor Features(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var flat = pixels.flatten(1);
        var features = transform switch
        {
            PixelTransform.RoundToEightBits => (flat * 255).round() / 255,
            PixelTransform.FakeQuantize => FakeQuantization.Activations(flat, 1f / 255, 0),
            _ => flat.alias(),
        };
        return features.MoveToOuterDisposeScope();
    }

    public override Tensor Head(Tensor features)
    {
        using var scope = NewDisposeScope();
        // A per-row product and sum rather than a matrix product, whose blocking (and so rounding) depends on
        // the batch size: each image's logits are then the same whichever batch it is evaluated in.
        return (features.unsqueeze(1) * weight).sum(-1).add(bias).MoveToOuterDisposeScope();
    }

    /// <summary>Logits W x + b of one flattened image, in double precision.</summary>
    public double[] LogitsOf(float[] pixels)
    {
        var logits = (double[])Bias.Clone();
        for (int k = 0; k < logits.Length; k++)
            for (int i = 0; i < pixels.Length; i++) logits[k] += Weight[k, i] * pixels[i];
        return logits;
    }

    /// <summary>The closed-form cross-entropy input-gradient W^T (softmax(W x + b) - onehot(y)), in double precision.</summary>
    public double[] CrossEntropyGradientOf(float[] pixels, long label)
    {
        var logits = LogitsOf(pixels);
        double max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        double sum = exp.Sum();
        var gradient = new double[pixels.Length];
        for (int k = 0; k < logits.Length; k++)
        {
            double coefficient = exp[k] / sum - (k == label ? 1 : 0);
            for (int i = 0; i < pixels.Length; i++) gradient[i] += coefficient * Weight[k, i];
        }
        return gradient;
    }

    sealed record LinearSpec : ArchitectureSpec
    {
        public override string DisplayName => "Linear";
        public override string Describe() => "Linear";
        protected override Classifier Build(InputShape input, int classes) => throw new NotSupportedException("test fake: build it with weights");
    }
}
