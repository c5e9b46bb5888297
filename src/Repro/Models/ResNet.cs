using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Repro.Models;

/// <summary>
/// CIFAR-style ResNet (3x3 stem, no max-pool; the layout of kuangliu/pytorch-cifar that CIFAR papers
/// train): ResNet18 = Basic 2-2-2-2, ResNet50 = Bottleneck 3-4-6-3, both width 64. Smaller members
/// (fewer stages, narrower, stride-2 stem) serve the CPU profiles. With <see cref="ResNetStem.ImageNet"/>
/// the stem is torchvision's (7x7/2 conv, 3x3/2 max-pool; <see cref="StemStride"/> is then ignored)
/// and torchvision's state dicts load through <see cref="ResNet.PyTorchKeys"/>.
/// </summary>
public sealed record ResNetSpec(ResNetBlock Block, int[] BlocksPerStage, int BaseWidth = 64, int StemStride = 1, string? Name = null,
    ResNetStem Stem = ResNetStem.Cifar)
    : ArchitectureSpec
{
    public static ResNetSpec ResNet18 { get; } = new(ResNetBlock.Basic, new[] { 2, 2, 2, 2 }, 64, 1, "ResNet18");
    public static ResNetSpec ResNet50 { get; } = new(ResNetBlock.Bottleneck, new[] { 3, 4, 6, 3 }, 64, 1, "ResNet50");

    /// <summary>torchvision's <c>resnet50</c> (25.6M parameters with 1000 classes): the paper's ImageNet server.</summary>
    public static ResNetSpec ResNet50ImageNet { get; } = new(ResNetBlock.Bottleneck, new[] { 3, 4, 6, 3 }, 64, 2, "ResNet50", ResNetStem.ImageNet);

    public override string DisplayName => Name ?? $"ResNet-{Block}-{string.Join("-", BlocksPerStage)}-w{BaseWidth}";

    // The CIFAR stem adds nothing to the text, so descriptions (and recipe hashes) from before the stem option are unchanged.
    public override string Describe() =>
        $"ResNet({Block.ToString().ToLowerInvariant()};{string.Join("-", BlocksPerStage)};w{BaseWidth};" +
        (Stem == ResNetStem.ImageNet ? "stem-imagenet)" : $"stem{StemStride})");

    protected override Classifier Build(InputShape input, int classes) => new ResNet(this, input, classes);

    public bool Equals(ResNetSpec? other) => other is not null && Describe() == other.Describe();
    public override int GetHashCode() => Describe().GetHashCode();
}

public sealed partial class ResNet : Classifier
{
    readonly InputNormalization normalize;
    readonly ConvBn stem;
    readonly Sequential stages;
    readonly QuantizableLinear fc;
    readonly bool maxPoolStem;
    readonly int convsPerBlock;
    readonly List<(int Stage, int Index, bool Shortcut)> blockNames = new();

    public ResNet(ResNetSpec spec, InputShape input, int classes) : base(nameof(ResNet), spec, input, classes)
    {
        if (spec.BlocksPerStage.Length == 0 || spec.BlocksPerStage.Any(b => b < 1))
            throw new ArgumentException($"a ResNet needs at least one stage and one block per stage, got [{string.Join(", ", spec.BlocksPerStage)}]");
        normalize = new InputNormalization(input.Mean, input.Std);
        maxPoolStem = spec.Stem == ResNetStem.ImageNet;
        stem = maxPoolStem
            ? new ConvBn(input.Channels, spec.BaseWidth, 7, stride: 2)
            : new ConvBn(input.Channels, spec.BaseWidth, StemKernel.For(spec.StemStride), stride: spec.StemStride);
        int expansion = spec.Block == ResNetBlock.Basic ? BasicBlock.Expansion : Bottleneck.Expansion;
        var blocks = new List<(string, Module<Tensor, Tensor>)>();
        convsPerBlock = spec.Block == ResNetBlock.Basic ? 2 : 3;
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
                blockNames.Add((stage + 1, b, stride != 1 || inChannels != channels * expansion));
                inChannels = channels * expansion;
            }
        }
        stages = Sequential(blocks);
        FeatureDimension = inChannels;
        fc = new QuantizableLinear(inChannels, classes);
        RegisterComponents();
        // torchvision initialises its ImageNet ResNets this way; the CIFAR layout keeps PyTorch's defaults, as kuangliu's does.
        if (maxPoolStem) TorchvisionInitialization.Apply(this);
    }

    public override long FeatureDimension { get; }

    public override Tensor Features(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var x = stem.forward(normalize.forward(pixels));
        if (maxPoolStem) x = functional.max_pool2d(x, 3, stride: 2, padding: 1);
        x = stages.forward(x);
        return functional.adaptive_avg_pool2d(x, 1).flatten(1).MoveToOuterDisposeScope();
    }

    public override Tensor Head(Tensor features) => fc.forward(features);
}
