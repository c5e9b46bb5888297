using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.OnceForAll;

/// <summary>
/// The elastic once-for-all supernet: <see cref="SetActive"/> picks the sub-network the next forward runs
/// (first blocks of each unit, leading middle channels, transformed kernel centre), and <see cref="Extract"/>
/// copies that sub-network's weights into a standalone <see cref="OfaSubnet"/>, so on-device models need no
/// retraining (§IV-A "Once-for-All"). Train it with <see cref="ProgressiveShrinking"/>.
/// </summary>
public sealed partial class OfaSupernet : OfaNetwork
{
    public OfaSupernet(OfaSpec spec, InputShape input, int classes)
        : base(nameof(OfaSupernet), spec, spec, input, classes,
            OfaSubnetConfig.Depths.Max(), OfaSubnetConfig.ExpandRatios.Max(), OfaSubnetConfig.KernelSizes)
    {
    }

    /// <summary>The uniform sub-network the next forward runs, or null while per-block settings (training) differ.</summary>
    public OfaSubnetConfig? Active { get; private set; } = OfaSubnetConfig.Largest;

    /// <summary>Makes every unit run <paramref name="config"/>'s depth, expand ratio and kernel.</summary>
    public void SetActive(OfaSubnetConfig config)
    {
        int blocksPerUnit = UnitBlocks[0].Length;
        SetActiveBlocks(Enumerable.Repeat(config.Depth, UnitBlocks.Count).ToArray(),
            Enumerable.Repeat(config.ExpandRatio, blocksPerUnit * UnitBlocks.Count).ToArray(),
            Enumerable.Repeat(config.KernelSize, blocksPerUnit * UnitBlocks.Count).ToArray());
        Active = config;
    }

    /// <summary>
    /// Per-unit depths and per-block expand ratios and kernels (unit blocks in order), as once-for-all samples
    /// them during progressive shrinking.
    /// </summary>
    public void SetActiveBlocks(IReadOnlyList<int> depths, IReadOnlyList<int> expandRatios, IReadOnlyList<int> kernels)
    {
        int unitBlocks = UnitBlocks.Sum(u => u.Length);
        if (depths.Count != UnitBlocks.Count || expandRatios.Count != unitBlocks || kernels.Count != unitBlocks)
            throw new ArgumentException($"expected {UnitBlocks.Count} depths and {unitBlocks} expand ratios and kernels");
        int i = 0;
        for (int u = 0; u < UnitBlocks.Count; u++)
        {
            if (!OfaSubnetConfig.Depths.Contains(depths[u])) throw new ArgumentOutOfRangeException(nameof(depths), depths[u], "OFA depth is 2, 3 or 4");
            RuntimeDepth[u] = depths[u];
            foreach (var b in UnitBlocks[u])
            {
                if (!OfaSubnetConfig.ExpandRatios.Contains(expandRatios[i]))
                    throw new ArgumentOutOfRangeException(nameof(expandRatios), expandRatios[i], "OFA expand ratio is 3, 4 or 6");
                var block = Blocks[b];
                block.SetActive(OfaSpec.MiddleChannels(block.InChannels, expandRatios[i]), kernels[i]);
                i++;
            }
        }
        Active = null;
    }

    /// <summary>
    /// A standalone copy of the sub-network <paramref name="config"/>: the first blocks of each unit, the
    /// leading middle channels (in the supernet's importance order, see <see cref="SortChannels"/>), and the
    /// (transformed) kernel centres; everything else copied whole. Its batch-norm statistics are the
    /// supernet's; <see cref="BatchNormRecalibration"/> re-estimates them for the sub-net, as OFA does before
    /// evaluating one.
    /// </summary>
    public OfaSubnet Extract(OfaSubnetConfig config)
    {
        var subnet = GlobalGenerator.Construct(null, () => new OfaSubnet(new OfaSubnetSpec(Spec, config), Input, Classes));
        using var noGrad = no_grad();
        // Only the slices taken while copying live in this scope; the sub-net was created outside it.
        using var scope = NewDisposeScope();
        CopyWhole(FirstConv, subnet.FirstConv);
        CopyBlock(Blocks[0], subnet.Blocks[0], Blocks[0].MaxMiddleChannels, Blocks[0].MaxKernel);
        for (int u = 0; u < UnitBlocks.Count; u++)
            for (int b = 0; b < config.Depth; b++)
            {
                var source = Blocks[UnitBlocks[u][b]];
                CopyBlock(source, subnet.Blocks[subnet.UnitBlocks[u][b]],
                    OfaSpec.MiddleChannels(source.InChannels, config.ExpandRatio), config.KernelSize);
            }
        CopyWhole(FinalExpand, subnet.FinalExpand);
        CopyWhole(FeatureMix, subnet.FeatureMix);
        subnet.Linear.Linear.weight!.copy_(Linear.Linear.weight!);
        subnet.Linear.Linear.bias!.copy_(Linear.Linear.bias!);
        subnet.train(training);
        return subnet;
    }

    /// <summary>
    /// once-for-all's <c>re_organize_middle_weights</c>: orders each block's middle channels by the l1 norm of
    /// the projection weights that read them, so that narrower sub-nets keep the most important ones. With
    /// <paramref name="expandStage"/> > 0, channels outside the widths already trained stay behind them
    /// (stage 1 before training ratios {4, 6}, stage 2 before {3, 4, 6}). The full network's function is unchanged.
    /// </summary>
    public void SortChannels(int expandStage = 0)
    {
        using var noGrad = no_grad();
        foreach (var block in Blocks.Skip(1))
            SortBlock(block, expandStage);
    }

    static void SortBlock(OfaBlock block, int expandStage)
    {
        if (block.InvertedBottleneck is not { } expand) return;
        using var scope = NewDisposeScope();
        var importance = block.PointLinear.Conv.weight!.abs().sum(new long[] { 0, 2, 3 });
        if (expandStage > 0)
        {
            var widths = OfaSubnetConfig.ExpandRatios.OrderByDescending(e => e).Select(e => OfaSpec.MiddleChannels(block.InChannels, e)).ToArray();
            long right = importance.shape[0];
            double penalty = -widths.Length * 1e5;
            for (int i = 0; i <= expandStage && i < widths.Length; i++)
            {
                long left = widths[i];
                if (right > left) importance.narrow(0, left, right - left).add_(penalty);
                penalty += 1e5;
                right = left;
            }
        }
        var order = importance.argsort(descending: true);
        Permute(block.PointLinear.Conv.weight!, 1, order);
        PermuteOutputs(block.DepthConv, order);
        PermuteOutputs(expand, order);
        if (block.Se is { } se)
        {
            Permute(se.Expand.Conv.weight!, 0, order);
            Permute(se.Expand.Conv.bias!, 0, order);
            Permute(se.Reduce.Conv.weight!, 1, order);
            var seOrder = se.Expand.Conv.weight!.abs().sum(new long[] { 0, 2, 3 }).argsort(descending: true);
            Permute(se.Expand.Conv.weight!, 1, seOrder);
            Permute(se.Reduce.Conv.weight!, 0, seOrder);
            Permute(se.Reduce.Conv.bias!, 0, seOrder);
        }
    }

    static void PermuteOutputs(ConvBn layer, Tensor order)
    {
        Permute(layer.Conv.weight!, 0, order);
        if (layer.Norm is not { } bn) return;
        foreach (var t in new[] { bn.weight!, bn.bias!, bn.running_mean!, bn.running_var! }) Permute(t, 0, order);
    }

    static void Permute(Tensor t, long dim, Tensor order)
    {
        using var reordered = t.index_select(dim, order);
        t.copy_(reordered);
    }

    static void CopyBlock(OfaBlock source, OfaBlock target, int middle, int kernel)
    {
        if (source.InvertedBottleneck is { } expand)
            CopyLeading(expand, target.InvertedBottleneck!, expand.Conv.weight![..middle], middle);
        using (var depthwise = source.Kernels.Apply(source.DepthConv.Conv.weight![..middle], kernel))
            CopyLeading(source.DepthConv, target.DepthConv, depthwise, middle);
        if (source.Se is { } se)
        {
            var t = target.Se!;
            int mid = OfaSpec.SqueezeChannels(middle);
            t.Reduce.Conv.weight!.copy_(se.Reduce.Conv.weight![..mid, ..middle]);
            t.Reduce.Conv.bias!.copy_(se.Reduce.Conv.bias![..mid]);
            t.Expand.Conv.weight!.copy_(se.Expand.Conv.weight![..middle, ..mid]);
            t.Expand.Conv.bias!.copy_(se.Expand.Conv.bias![..middle]);
        }
        CopyLeading(source.PointLinear, target.PointLinear, source.PointLinear.Conv.weight![.., ..middle], target.PointLinear.OutChannels);
    }

    static void CopyLeading(ConvBn source, ConvBn target, Tensor weight, long channels)
    {
        target.Conv.weight!.copy_(weight);
        if (source.Norm is not { } bn) return;
        var t = target.Norm!;
        t.weight!.copy_(bn.weight![..(int)channels]);
        t.bias!.copy_(bn.bias![..(int)channels]);
        t.running_mean!.copy_(bn.running_mean![..(int)channels]);
        t.running_var!.copy_(bn.running_var![..(int)channels]);
    }

    static void CopyWhole(ConvBn source, ConvBn target)
    {
        CopyLeading(source, target, source.Conv.weight!, source.OutChannels);
        if (source.Conv.bias is { } bias) target.Conv.bias!.copy_(bias);
    }
}
