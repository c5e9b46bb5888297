using Repro.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Repro.Models;

/// <summary>
/// NASNet-A for CIFAR (Zoph et al. 2018; TF-slim's <c>build_nasnet_cifar</c>), Table I's "NAS" architecture:
/// a 3x3 stem of <see cref="StemMultiplier"/> x <see cref="Filters"/> channels, then three stacks of
/// <see cref="CellsPerStack"/> normal cells with a reduction cell (doubling the width) between stacks,
/// ReLU, global pooling and a linear layer. "N@P" in the paper: <see cref="CellsPerStack"/> @ penultimate
/// width (= 24 x <see cref="Filters"/>); <see cref="Cifar"/> is NASNet-A 6@768. The auxiliary head and
/// drop-path are training aids outside the network and are left out; TF's asymmetric 'SAME' padding of
/// strided layers becomes PyTorch's symmetric padding (same shapes, trained from scratch here).
/// </summary>
public sealed record NasNetSpec(int CellsPerStack = 6, int Filters = 32, int StemMultiplier = 3, int StemStride = 1, string? Name = null)
    : ArchitectureSpec
{
    /// <summary>NASNet-A 6@768, the CIFAR-10 model of Zoph et al.'s Table 1 (3.3M parameters).</summary>
    public static NasNetSpec Cifar { get; } = new();

    public override string DisplayName => Name ?? "NASNet";

    public int PenultimateWidth => 6 * Filters * 4;

    public override string Describe() => $"NASNet-A({CellsPerStack}@{PenultimateWidth};f{Filters};stem{StemMultiplier}x;stride{StemStride})";

    protected override Classifier Build(InputShape input, int classes) => new NasNet(this, input, classes);
}

public sealed class NasNet : Classifier
{
    readonly InputNormalization normalize;
    readonly ConvBn stem;
    readonly ModuleList<NasNetCell> cells;
    readonly QuantizableLinear classifier;

    public NasNet(NasNetSpec spec, InputShape input, int classes) : base(nameof(NasNet), spec, input, classes)
    {
        if (spec.CellsPerStack < 1 || spec.Filters < 2 || spec.Filters % 2 != 0 || spec.StemMultiplier < 1)
            throw new ArgumentException($"{spec.Describe()}: needs at least one cell per stack and an even number of filters");
        normalize = new InputNormalization(input.Mean, input.Std);
        long stemChannels = (long)spec.Filters * spec.StemMultiplier;
        stem = new ConvBn(input.Channels, stemChannels, StemKernel.For(spec.StemStride), stride: spec.StemStride, activation: ActivationFunction.None);

        // TF-slim's _build_nasnet_base: reduction cells before normal cells N and 2N; each cell reads the
        // last two outputs (skip_reduction_layer_input = 0).
        var list = new List<NasNetCell>();
        var outputs = new List<(long Channels, int Level)?> { null, (stemChannels, 0) };
        long filters = spec.Filters;
        int level = 0;
        for (int n = 0; n < 3 * spec.CellsPerStack; n++)
        {
            if (n > 0 && n % spec.CellsPerStack == 0)
            {
                filters *= 2;
                list.Add(Cell(reduction: true));
                level++;
            }
            list.Add(Cell(reduction: false));
        }
        cells = new ModuleList<NasNetCell>(list.ToArray());
        FeatureDimension = outputs[^1]!.Value.Channels;
        classifier = new QuantizableLinear(FeatureDimension, classes);
        RegisterComponents();
        // TF-slim's NASNet initialiser: variance scaling over fan-out (He-normal), batch norm at (1, 0).
        TorchvisionInitialization.Apply(this);

        NasNetCell Cell(bool reduction)
        {
            var (channels, _) = outputs[^1]!.Value;
            var prev = outputs[^2];
            var cell = new NasNetCell(reduction, channels, prev?.Channels, prev is { } p && p.Level < level, filters);
            outputs.Add((cell.OutChannels, level + (reduction ? 1 : 0)));
            return cell;
        }
    }

    public override long FeatureDimension { get; }

    public override Tensor Features(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        Tensor? before = null;
        var x = stem.forward(normalize.forward(pixels));
        foreach (var cell in cells)
            (before, x) = (x, cell.forward(x, before));
        return functional.adaptive_avg_pool2d(functional.relu(x), 1).flatten(1).MoveToOuterDisposeScope();
    }

    public override Tensor Head(Tensor features) => classifier.forward(features);
}
