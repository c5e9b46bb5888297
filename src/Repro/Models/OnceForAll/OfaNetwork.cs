using Repro.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Repro.Models.OnceForAll;

/// <summary>
/// What an OFA supernet and its extracted sub-nets share (once-for-all's MobileNetV3 skeleton): stem,
/// fixed first block, units of <see cref="OfaBlock"/>s, final expansion, pooling, feature mix, classifier.
/// The penultimate activations are the feature-mix output (1280 channels at width 1.0).
/// </summary>
public abstract partial class OfaNetwork : Classifier
{
    readonly InputNormalization normalize;
    readonly ConvBn firstConv;
    readonly ModuleList<OfaBlock> blocks;
    readonly ConvBn finalExpand;
    readonly ConvBn featureMix;
    readonly QuantizableLinear classifier;
    readonly double dropout;
    ulong dropoutSeed;
    Generator? dropoutGenerator;

    /// <param name="unitDepth">Blocks built per unit.</param>
    /// <param name="expandRatio">Expand ratio the blocks are built with (a supernet: the largest).</param>
    /// <param name="kernelSizes">Kernel sizes the blocks support (a supernet: all; a sub-net: its own).</param>
    protected OfaNetwork(string name, ArchitectureSpec architecture, OfaSpec spec, InputShape input, int classes,
        int unitDepth, int expandRatio, IReadOnlyList<int> kernelSizes)
        : base(name, architecture, input, classes)
    {
        spec.Validate();
        Spec = spec;
        normalize = new InputNormalization(input.Mean, input.Std);
        int stem = spec.Scaled(spec.StemWidth);
        firstConv = new ConvBn(input.Channels, stem, StemKernel.For(spec.StemStride), stride: spec.StemStride, activation: ActivationFunction.HardSwish);
        // The reference's first block: 3x3 depthwise, expand ratio 1, ReLU, identity shortcut.
        var list = new List<OfaBlock> { new(stem, stem, stem, new[] { 3 }, 1, ActivationFunction.ReLU, false, false) };
        var units = new List<int[]>();
        int channels = stem;
        for (int u = 0; u < spec.UnitCount; u++)
        {
            int width = spec.Scaled(spec.UnitWidths[u]);
            var indices = new int[unitDepth];
            for (int b = 0; b < unitDepth; b++)
            {
                indices[b] = list.Count;
                list.Add(new OfaBlock(channels, width, OfaSpec.MiddleChannels(channels, expandRatio), kernelSizes,
                    b == 0 ? spec.UnitStrides[u] : 1, spec.UnitActivations[u], spec.UnitSqueezeExcite[u], spec.KernelTransform));
                channels = width;
            }
            units.Add(indices);
        }
        blocks = new ModuleList<OfaBlock>(list.ToArray());
        Blocks = list;
        UnitBlocks = units;
        RuntimeDepth = Enumerable.Repeat(unitDepth, spec.UnitCount).ToArray();
        finalExpand = new ConvBn(channels, spec.Scaled(spec.FinalExpandWidth), 1, activation: ActivationFunction.HardSwish);
        FeatureDimension = spec.Scaled(spec.FeatureMixWidth);
        featureMix = new ConvBn(finalExpand.OutChannels, FeatureDimension, 1, batchNorm: false, bias: false, activation: ActivationFunction.HardSwish);
        classifier = new QuantizableLinear(FeatureDimension, classes);
        dropout = spec.Dropout;
        RegisterComponents();
        // The reference's "he_fout" initialisation: He-normal fan-out convolutions, batch norm (1, 0).
        TorchvisionInitialization.Apply(this);
    }

    public OfaSpec Spec { get; }

    public override long FeatureDimension { get; }

    /// <summary>Index 0 is the fixed first block; the others belong to units.</summary>
    public IReadOnlyList<OfaBlock> Blocks { get; }

    /// <summary>For each unit, the indices of its blocks in <see cref="Blocks"/>.</summary>
    public IReadOnlyList<int[]> UnitBlocks { get; }

    /// <summary>Blocks each unit runs (elastic depth: the first ones).</summary>
    protected int[] RuntimeDepth { get; }

    internal ConvBn FirstConv => firstConv;
    internal ConvBn FinalExpand => finalExpand;
    internal ConvBn FeatureMix => featureMix;
    internal QuantizableLinear Linear => classifier;

    public override Tensor Features(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var x = blocks[0].forward(firstConv.forward(normalize.forward(pixels)));
        for (int u = 0; u < UnitBlocks.Count; u++)
            for (int b = 0; b < RuntimeDepth[u]; b++)
                x = blocks[UnitBlocks[u][b]].forward(x);
        x = finalExpand.forward(x).mean(new long[] { 2, 3 }, keepdim: true);
        return featureMix.forward(x).flatten(1).MoveToOuterDisposeScope();
    }

    /// <summary>Restarts the dropout masks' random stream at <paramref name="seed"/> (default 0).</summary>
    public void SeedDropout(ulong seed)
    {
        dropoutGenerator?.Dispose();
        dropoutGenerator = null;
        dropoutSeed = seed;
    }

    public override Tensor Head(Tensor features)
    {
        if (dropout == 0 || !training) return classifier.forward(features);
        using var scope = NewDisposeScope();
        // The network's own generator, not libtorch's global one: models train side by side on parallel workers
        // (RunContext.ForEach), and shared draws would make each one's masks depend on the others' progress.
        dropoutGenerator ??= new Generator(dropoutSeed, features.device);
        var keep = rand(features.shape, features.dtype, features.device, generator: dropoutGenerator).ge_(dropout).to(features.dtype);
        return classifier.forward(features * keep / (1 - dropout)).MoveToOuterDisposeScope();
    }
}
