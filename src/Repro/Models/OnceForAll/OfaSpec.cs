using System.Globalization;
using Repro.Models.Layers;

namespace Repro.Models.OnceForAll;

/// <summary>
/// An OFA-MobileNetV3 supernet (Cai et al., ICLR 2020; mit-han-lab/once-for-all's <c>OFAMobileNetV3</c>):
/// a 3x3 stem, one fixed 3x3 block, then units of up to 4 MBConv blocks whose depth (2, 3, 4), expand
/// ratio (3, 4, 6) and depthwise kernel (3, 5, 7) are elastic, a 1x1 final expansion, global pooling, a
/// 1x1 feature-mix layer without batch norm and a linear classifier behind dropout.
/// Widths are the reference's base widths times <see cref="WidthMultiplier"/>, rounded to multiples of 8.
/// <see cref="ImageNet"/> is the published <c>ofa_mbv3_d234_e346_k357_w1.0</c> network (Table I's OFA
/// rows), with the reference's tensor names so that its checkpoint can load through <see cref="PyTorchStateDict"/>
/// (names and shapes follow the reference code; the file itself cannot be fetched here to try).
/// <see cref="Cifar"/> keeps it whole on 32x32 inputs with the stem and first unit at stride 1 (as CIFAR
/// MobileNets do; 32 -> 4 at the last unit).
/// </summary>
public sealed record OfaSpec(int[] UnitWidths, int[] UnitStrides, bool[] UnitSqueezeExcite, ActivationFunction[] UnitActivations,
    double WidthMultiplier = 1.0, int StemStride = 2, int StemWidth = 16, int FinalExpandWidth = 960, int FeatureMixWidth = 1280,
    bool KernelTransform = true, double Dropout = 0.1, string? Name = null) : ArchitectureSpec
{
    static readonly int[] ReferenceWidths = { 24, 40, 80, 112, 160 };
    static readonly bool[] ReferenceSe = { false, true, false, true, true };
    static readonly ActivationFunction[] ReferenceActivations =
        { ActivationFunction.ReLU, ActivationFunction.ReLU, ActivationFunction.HardSwish, ActivationFunction.HardSwish, ActivationFunction.HardSwish };

    /// <summary>OFA-MobileNetV3 w1.0 for ImageNet (7.7M parameters in the supernet, 1000 classes).</summary>
    public static OfaSpec ImageNet { get; } = new(ReferenceWidths, new[] { 2, 2, 2, 1, 2 }, ReferenceSe, ReferenceActivations);

    /// <summary>The same supernet on 32x32 CIFAR images: stem and first unit at stride 1.</summary>
    public static OfaSpec Cifar { get; } = new(ReferenceWidths, new[] { 1, 2, 2, 1, 2 }, ReferenceSe, ReferenceActivations, StemStride: 1);

    public override string DisplayName => Name ?? "OFA";

    public int UnitCount => UnitWidths.Length;

    public override string Describe() =>
        $"OFA-MobileNetV3(w{WidthMultiplier.ToString("R", CultureInfo.InvariantCulture)};stem{StemWidth}/{StemStride};" +
        $"units={string.Join(",", Enumerable.Range(0, UnitCount).Select(Unit))};" +
        $"expand{FinalExpandWidth};mix{FeatureMixWidth};{(KernelTransform ? "ktrans" : "crop")};drop{Dropout.ToString("R", CultureInfo.InvariantCulture)})";

    string Unit(int u) =>
        $"{UnitWidths[u]}/{UnitStrides[u]}{(UnitSqueezeExcite[u] ? "se" : "")}{(UnitActivations[u] == ActivationFunction.HardSwish ? "hs" : "re")}";

    protected override Classifier Build(InputShape input, int classes) => new OfaSupernet(this, input, classes);

    public bool Equals(OfaSpec? other) => other is not null && Describe() == other.Describe();
    public override int GetHashCode() => Describe().GetHashCode();

    internal void Validate()
    {
        int n = UnitWidths.Length;
        if (n == 0 || UnitStrides.Length != n || UnitSqueezeExcite.Length != n || UnitActivations.Length != n)
            throw new ArgumentException($"{Describe()}: widths, strides, SE flags and activations need one entry per unit");
        if (WidthMultiplier <= 0) throw new ArgumentException($"width multiplier must be positive, got {WidthMultiplier}");
    }

    /// <summary>once-for-all's <c>make_divisible</c> (TF MobileNet rounding): nearest multiple of 8, never below 90%.</summary>
    internal static int MakeDivisible(double value, int divisor = 8)
    {
        int rounded = Math.Max(divisor, (int)(value + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }

    internal int Scaled(int baseWidth) => MakeDivisible(baseWidth * WidthMultiplier);

    /// <summary>Middle (expanded) channels of a block: make_divisible(round(in x e)).</summary>
    internal static int MiddleChannels(int inChannels, int expandRatio) =>
        MakeDivisible(Math.Round((double)inChannels * expandRatio, MidpointRounding.ToEven));

    /// <summary>Squeeze-and-excitation bottleneck: make_divisible(channels / 4).</summary>
    internal static int SqueezeChannels(int channels) => MakeDivisible(channels / 4);
}

/// <summary>A uniform sub-network of an OFA supernet: the architecture of what <see cref="OfaSupernet.Extract"/> returns.</summary>
public sealed record OfaSubnetSpec(OfaSpec Supernet, OfaSubnetConfig Config) : ArchitectureSpec
{
    /// <summary>"OFA (4, 6, 7)", as Table I prints it.</summary>
    public override string DisplayName => $"OFA {Config}";

    public override string Describe() => $"OfaSubnet(d{Config.Depth};e{Config.ExpandRatio};k{Config.KernelSize};{Supernet.Describe()})";

    protected override Classifier Build(InputShape input, int classes) => new OfaSubnet(this, input, classes);
}
