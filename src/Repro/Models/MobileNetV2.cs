using Repro.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Repro.Models;

/// <summary>
/// MobileNetV2 (Sandler et al. 2018), Table I's "manually-designed architecture". <see cref="Cifar"/> is
/// kuangliu/pytorch-cifar's network (2.30M parameters), <see cref="ImageNet"/> torchvision's (3.50M, its
/// pretrained weights load). <see cref="WidthMultiplier"/> scales every width as torchvision does (multiples
/// of 8, the last layer never below 1280); <see cref="BlocksPerStage"/> (default 1-2-3-4-3-3-1) and
/// <see cref="StemStride"/> give the CPU-scale members.
/// </summary>
public sealed record MobileNetV2Spec(MobileNetV2Layout Layout, double WidthMultiplier = 1.0, int? StemStride = null,
    int[]? BlocksPerStage = null, string? Name = null) : ArchitectureSpec
{
    /// <summary>(expansion t, channels c, stride s of the first block) per stage, from the paper's Table 2.</summary>
    internal static readonly (int Expansion, int Channels, int Stride)[] Stages =
        { (1, 16, 1), (6, 24, 2), (6, 32, 2), (6, 64, 2), (6, 96, 1), (6, 160, 2), (6, 320, 1) };

    static readonly int[] PaperBlocks = { 1, 2, 3, 4, 3, 3, 1 };

    public static MobileNetV2Spec Cifar { get; } = new(MobileNetV2Layout.Cifar);
    public static MobileNetV2Spec ImageNet { get; } = new(MobileNetV2Layout.ImageNet);

    public override string DisplayName => Name ?? "MobileNetV2";

    public int EffectiveStemStride => StemStride ?? (Layout == MobileNetV2Layout.Cifar ? 1 : 2);
    public IReadOnlyList<int> EffectiveBlocks => BlocksPerStage ?? PaperBlocks;

    public override string Describe() =>
        $"MobileNetV2({Layout.ToString().ToLowerInvariant()};w{Invariant(WidthMultiplier)};stem{EffectiveStemStride};{string.Join("-", EffectiveBlocks)})";

    protected override Classifier Build(InputShape input, int classes) => new MobileNetV2(this, input, classes);

    public bool Equals(MobileNetV2Spec? other) => other is not null && Describe() == other.Describe();
    public override int GetHashCode() => Describe().GetHashCode();

    static string Invariant(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>torchvision's <c>_make_divisible</c>: nearest multiple of 8, never more than 10% below.</summary>
    internal static int MakeDivisible(double value, int divisor = 8)
    {
        int rounded = Math.Max(divisor, (int)(value + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }
}

public sealed partial class MobileNetV2 : Classifier
{
    readonly InputNormalization normalize;
    readonly ConvBn stem;
    readonly Sequential blocks;
    readonly ConvBn last;
    readonly QuantizableLinear classifier;
    readonly double dropout;
    readonly List<bool> blockHasExpansion = new();
    readonly List<bool> blockHasShortcut = new();

    public MobileNetV2(MobileNetV2Spec spec, InputShape input, int classes) : base(nameof(MobileNetV2), spec, input, classes)
    {
        var stageBlocks = spec.EffectiveBlocks;
        if (stageBlocks.Count != MobileNetV2Spec.Stages.Length || stageBlocks.Any(b => b < 1))
            throw new ArgumentException($"MobileNetV2 has {MobileNetV2Spec.Stages.Length} stages of at least one block each, got [{string.Join(", ", stageBlocks)}]");
        if (spec.WidthMultiplier <= 0) throw new ArgumentException($"width multiplier must be positive, got {spec.WidthMultiplier}");
        bool cifar = spec.Layout == MobileNetV2Layout.Cifar;
        var activation = cifar ? ActivationFunction.ReLU : ActivationFunction.ReLU6;

        normalize = new InputNormalization(input.Mean, input.Std);
        long channels = MobileNetV2Spec.MakeDivisible(32 * spec.WidthMultiplier);
        stem = new ConvBn(input.Channels, channels, StemKernel.For(spec.EffectiveStemStride), stride: spec.EffectiveStemStride, activation: activation);
        var list = new List<(string, Module<Tensor, Tensor>)>();
        for (int s = 0; s < MobileNetV2Spec.Stages.Length; s++)
        {
            var (t, c, firstStride) = MobileNetV2Spec.Stages[s];
            // kuangliu keeps the 24-channel stage at stride 1 on 32x32 inputs ("change stride 2 -> 1 for CIFAR10").
            if (cifar && s == 1) firstStride = 1;
            long outChannels = MobileNetV2Spec.MakeDivisible(c * spec.WidthMultiplier);
            for (int b = 0; b < stageBlocks[s]; b++)
            {
                var block = new InvertedResidual(channels, outChannels, b == 0 ? firstStride : 1, t, spec.Layout);
                blockHasExpansion.Add(block.HasExpansion);
                blockHasShortcut.Add(block.HasProjectionShortcut);
                list.Add((list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), block));
                channels = outChannels;
            }
        }
        blocks = Sequential(list);
        FeatureDimension = MobileNetV2Spec.MakeDivisible(1280 * Math.Max(1.0, spec.WidthMultiplier));
        last = new ConvBn(channels, FeatureDimension, 1, activation: activation);
        classifier = new QuantizableLinear(FeatureDimension, classes);
        dropout = cifar ? 0 : 0.2;
        RegisterComponents();
        if (!cifar)
        {
            TorchvisionInitialization.Apply(this);
            TorchvisionInitialization.SmallNormal(classifier);
        }
    }

    public override long FeatureDimension { get; }

    public override Tensor Features(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var x = last.forward(blocks.forward(stem.forward(normalize.forward(pixels))));
        return functional.adaptive_avg_pool2d(x, 1).flatten(1).MoveToOuterDisposeScope();
    }

    public override Tensor Head(Tensor features)
    {
        if (dropout == 0 || !training) return classifier.forward(features);
        using var dropped = functional.dropout(features, dropout, training);
        return classifier.forward(dropped);
    }
}
