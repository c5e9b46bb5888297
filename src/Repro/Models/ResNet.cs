using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Repro.Models;

/// <summary>
/// CIFAR-style ResNet (3x3 stem, no max-pool; the layout of kuangliu/pytorch-cifar that CIFAR papers
/// train): ResNet18 = Basic 2-2-2-2, ResNet50 = Bottleneck 3-4-6-3, both width 64. Smaller members
/// (fewer stages, narrower, stride-2 stem) serve the CPU profiles.
/// </summary>
public sealed record ResNetSpec(ResNetBlock Block, int[] BlocksPerStage, int BaseWidth = 64, int StemStride = 1, string? Name = null)
    : ArchitectureSpec
{
    public static ResNetSpec ResNet18 { get; } = new(ResNetBlock.Basic, new[] { 2, 2, 2, 2 }, 64, 1, "ResNet18");
    public static ResNetSpec ResNet50 { get; } = new(ResNetBlock.Bottleneck, new[] { 3, 4, 6, 3 }, 64, 1, "ResNet50");

    public override string DisplayName => Name ?? $"ResNet-{Block}-{string.Join("-", BlocksPerStage)}-w{BaseWidth}";

    public override string Describe() =>
        $"ResNet({Block.ToString().ToLowerInvariant()};{string.Join("-", BlocksPerStage)};w{BaseWidth};stem{StemStride})";

    public override Classifier Create(InputShape input, int classes) => new ResNet(this, input, classes);

    public bool Equals(ResNetSpec? other) => other is not null && Describe() == other.Describe();
    public override int GetHashCode() => Describe().GetHashCode();
}

public sealed class ResNet : Classifier
{
    readonly InputNormalization normalize;
    readonly ConvBn stem;
    readonly Sequential stages;
    readonly QuantizableLinear fc;

    public ResNet(ResNetSpec spec, InputShape input, int classes) : base(nameof(ResNet), spec, input, classes)
    {
        if (spec.BlocksPerStage.Length == 0 || spec.BlocksPerStage.Any(b => b < 1))
            throw new ArgumentException($"a ResNet needs at least one stage and one block per stage, got [{string.Join(", ", spec.BlocksPerStage)}]");
        normalize = new InputNormalization(input.Mean, input.Std);
        stem = new ConvBn(input.Channels, spec.BaseWidth, 3, stride: spec.StemStride);
        int expansion = spec.Block == ResNetBlock.Basic ? BasicBlock.Expansion : Bottleneck.Expansion;
        var blocks = new List<(string, Module<Tensor, Tensor>)>();
        long inChannels = spec.BaseWidth;
        for (int stage = 0; stage < spec.BlocksPerStage.Length; stage++)
        {
            long channels = (long)spec.BaseWidth << stage;
            for (int b = 0; b < spec.BlocksPerStage[stage]; b++)
            {
                long stride = stage > 0 && b == 0 ? 2 : 1;
                Module<Tensor, Tensor> block = spec.Block == ResNetBlock.Basic
                    ? new BasicBlock(inChannels, channels, stride)
                    : new Bottleneck(inChannels, channels, stride);
                blocks.Add(($"layer{stage + 1}_{b}", block));
                inChannels = channels * expansion;
            }
        }
        stages = Sequential(blocks);
        FeatureDimension = inChannels;
        fc = new QuantizableLinear(inChannels, classes);
        RegisterComponents();
    }

    public override long FeatureDimension { get; }

    public override Tensor Features(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var x = stages.forward(stem.forward(normalize.forward(pixels)));
        return functional.adaptive_avg_pool2d(x, 1).flatten(1).MoveToOuterDisposeScope();
    }

    public override Tensor Head(Tensor features) => fc.forward(features);
}
