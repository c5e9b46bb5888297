using Repro.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Repro.Models;

/// <summary>
/// SqueezeNet (Iandola et al. 2016), Table I's second manual architecture.
/// <para><see cref="SqueezeNetLayout.ImageNet"/> is torchvision's <c>squeezenet1_0</c>/<c>squeezenet1_1</c> exactly
/// (no batch norm, convolution biases, dropout 0.5, ReLU after the 1x1 classifier convolution, then average
/// pooling), so its pretrained weights load.</para>
/// <para><see cref="SqueezeNetLayout.Cifar"/> keeps the version's Fire modules and pooling positions on
/// 32x32 inputs: a 3x3 stride-<see cref="StemStride"/> stem, 2x2 max-pools (32 -> 16 -> 8 -> 4), and the
/// classifier 1x1 convolution applied after global pooling with no ReLU (as CIFAR ports such as
/// weiaicunzai/pytorch-cifar100 do; without the ReLU the 1x1 convolution commutes with pooling, so the
/// penultimate activations are the 512 pooled channels). <see cref="BatchNorm"/> adds batch norm after
/// every convolution (biases dropped): the original has none, and without it SqueezeNet does not train
/// at the CIFAR recipe's learning rate of 0.1.</para>
/// </summary>
public sealed record SqueezeNetSpec(SqueezeNetLayout Layout, SqueezeNetVersion Version = SqueezeNetVersion.V1_0, bool? BatchNorm = null,
    double WidthMultiplier = 1.0, int StemStride = 1, string? Name = null) : ArchitectureSpec
{
    /// <summary>v1.0 Fire modules on CIFAR with batch norm: 0.73M parameters for 10 classes.</summary>
    public static SqueezeNetSpec Cifar { get; } = new(SqueezeNetLayout.Cifar);

    /// <summary>torchvision <c>squeezenet1_0</c> (1.25M parameters for 1000 classes).</summary>
    public static SqueezeNetSpec ImageNet { get; } = new(SqueezeNetLayout.ImageNet);

    /// <summary>torchvision <c>squeezenet1_1</c> (1.24M parameters for 1000 classes).</summary>
    public static SqueezeNetSpec ImageNetV1_1 { get; } = new(SqueezeNetLayout.ImageNet, SqueezeNetVersion.V1_1);

    public bool EffectiveBatchNorm => BatchNorm ?? Layout == SqueezeNetLayout.Cifar;

    public override string DisplayName => Name ?? "SqueezeNet";

    public override string Describe() =>
        $"SqueezeNet({Layout.ToString().ToLowerInvariant()};{(Version == SqueezeNetVersion.V1_0 ? "1.0" : "1.1")};" +
        $"{(EffectiveBatchNorm ? "bn" : "nobn")};w{WidthMultiplier.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}" +
        (Layout == SqueezeNetLayout.Cifar ? $";stem{StemStride})" : ")");

    protected override Classifier Build(InputShape input, int classes) => new SqueezeNet(this, input, classes);

    public bool Equals(SqueezeNetSpec? other) => other is not null && Describe() == other.Describe();
    public override int GetHashCode() => Describe().GetHashCode();
}

/// <summary>Whether a SqueezeNet is torchvision's ImageNet network or the CIFAR adaptation; see <see cref="SqueezeNetSpec"/>.</summary>
public enum SqueezeNetLayout
{
    Cifar,
    ImageNet,
}

public sealed partial class SqueezeNet : Classifier
{
    // (squeeze, expand 1x1, expand 3x3) of fire2..fire9, the same in both versions.
    static readonly (int S, int E1, int E3)[] Fires =
        { (16, 64, 64), (16, 64, 64), (32, 128, 128), (32, 128, 128), (48, 192, 192), (48, 192, 192), (64, 256, 256), (64, 256, 256) };

    readonly InputNormalization normalize;
    readonly ConvBn stem;
    readonly ModuleList<FireModule> fires;
    readonly ConvBn classifier;
    readonly int[] poolAfter;      // indices into fires after which a max-pool runs
    readonly bool imageNet;
    readonly long featureChannels;
    readonly long featureSide;

    public SqueezeNet(SqueezeNetSpec spec, InputShape input, int classes) : base(nameof(SqueezeNet), spec, input, classes)
    {
        if (spec.WidthMultiplier <= 0) throw new ArgumentException($"width multiplier must be positive, got {spec.WidthMultiplier}");
        imageNet = spec.Layout == SqueezeNetLayout.ImageNet;
        bool v10 = spec.Version == SqueezeNetVersion.V1_0;
        bool bn = spec.EffectiveBatchNorm;
        long Width(int c) => Math.Max(1, (long)Math.Round(c * spec.WidthMultiplier));

        normalize = new InputNormalization(input.Mean, input.Std);
        long stemChannels = Width(v10 ? 96 : 64);
        stem = imageNet
            ? new ConvBn(input.Channels, stemChannels, v10 ? 7 : 3, stride: 2, padding: 0, batchNorm: bn)
            : new ConvBn(input.Channels, stemChannels, StemKernel.For(spec.StemStride), stride: spec.StemStride, batchNorm: bn);
        poolAfter = v10 ? new[] { 2, 6 } : new[] { 1, 3 };

        var modules = new List<FireModule>();
        long channels = stemChannels;
        foreach (var (s, e1, e3) in Fires)
        {
            var fire = new FireModule(channels, Width(s), Width(e1), Width(e3), bn);
            modules.Add(fire);
            channels = fire.OutChannels;
        }
        fires = new ModuleList<FireModule>(modules.ToArray());
        featureChannels = channels;
        classifier = new ConvBn(channels, classes, 1, batchNorm: false,
            activation: imageNet ? ActivationFunction.ReLU : ActivationFunction.None);
        featureSide = imageNet ? ImageNetFeatureSide(input, v10) : 1;
        RegisterComponents();
        if (imageNet || !bn) InitializeAsTorchvision();
    }

    /// <summary>
    /// CIFAR: the 512 pooled channels. ImageNet: the whole last feature map (512 x 13 x 13 at 224 pixels),
    /// because torchvision's classifier applies a ReLU before pooling, so nothing smaller is its input.
    /// </summary>
    public override long FeatureDimension => featureChannels * featureSide * featureSide;

    public override Tensor Features(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var x = stem.forward(normalize.forward(pixels));
        x = Pool(x);
        for (int i = 0; i < fires.Count; i++)
        {
            x = fires[i].forward(x);
            if (poolAfter.Contains(i)) x = Pool(x);
        }
        var features = imageNet ? x.flatten(1) : functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return features.MoveToOuterDisposeScope();
    }

    public override Tensor Head(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = features.reshape(features.shape[0], featureChannels, featureSide, featureSide);
        if (imageNet) x = functional.dropout(x, 0.5, training);
        x = classifier.forward(x);
        return functional.adaptive_avg_pool2d(x, 1).flatten(1).MoveToOuterDisposeScope();
    }

    Tensor Pool(Tensor x) => imageNet
        ? functional.max_pool2d(x, 3, stride: 2, ceil_mode: true)
        : functional.max_pool2d(x, 2, stride: 2);

    static long ImageNetFeatureSide(InputShape input, bool v10)
    {
        if (input.Height != input.Width) throw new ArgumentException($"the ImageNet SqueezeNet takes square images, got {input.Height}x{input.Width}");
        long side = (input.Height - (v10 ? 7 : 3)) / 2 + 1;
        for (int pool = 0; pool < 3; pool++) side = (side - 3 + 1) / 2 + 1;   // 3x3/2 max-pool with ceil_mode
        if (side < 1) throw new ArgumentException($"{input.Height} pixels are too few for the ImageNet SqueezeNet");
        return side;
    }

    // torchvision: He-uniform convolutions, N(0, 0.01) for the classifier convolution, zero biases.
    void InitializeAsTorchvision()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var layer in modules().OfType<ConvBn>())
        {
            if (ReferenceEquals(layer, classifier)) init.normal_(layer.Conv.weight!, 0, 0.01);
            else init.kaiming_uniform_(layer.Conv.weight!, a: 0, mode: init.FanInOut.FanIn, nonlinearity: init.NonlinearityType.ReLU);
            layer.Conv.bias?.zero_();
        }
    }
}
