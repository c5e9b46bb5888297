namespace Repro.Models.OnceForAll;

/// <summary>
/// A once-for-all sub-network as the paper names it (§IV-B, Table I): the triple (i, j, k) of blocks per
/// unit (depth), expansion ratio of every block and depthwise kernel size, applied to every unit.
/// OFA (4, 6, 7) is the largest network, OFA (2, 3, 3) the smallest.
/// </summary>
public readonly record struct OfaSubnetConfig
{
    public static IReadOnlyList<int> Depths { get; } = new[] { 2, 3, 4 };
    public static IReadOnlyList<int> ExpandRatios { get; } = new[] { 3, 4, 6 };
    public static IReadOnlyList<int> KernelSizes { get; } = new[] { 3, 5, 7 };

    public OfaSubnetConfig(int depth, int expandRatio, int kernelSize)
    {
        if (!Depths.Contains(depth)) throw new ArgumentOutOfRangeException(nameof(depth), depth, "OFA depth is 2, 3 or 4");
        if (!ExpandRatios.Contains(expandRatio)) throw new ArgumentOutOfRangeException(nameof(expandRatio), expandRatio, "OFA expand ratio is 3, 4 or 6");
        if (!KernelSizes.Contains(kernelSize)) throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "OFA kernel size is 3, 5 or 7");
        Depth = depth;
        ExpandRatio = expandRatio;
        KernelSize = kernelSize;
    }

    public int Depth { get; }
    public int ExpandRatio { get; }
    public int KernelSize { get; }

    public static OfaSubnetConfig Largest { get; } = new(4, 6, 7);
    public static OfaSubnetConfig Smallest { get; } = new(2, 3, 3);

    /// <summary>All 27 uniform sub-networks.</summary>
    public static IEnumerable<OfaSubnetConfig> All() =>
        from d in Depths from e in ExpandRatios from k in KernelSizes select new OfaSubnetConfig(d, e, k);

    /// <summary>
    /// §IV-D's proxy for how different two sub-networks are: the l1 distance of their triples,
    /// |Δdepth| + |Δexpand| + |Δkernel|; (4, 6, 7) vs (2, 3, 7) is 5.
    /// </summary>
    public static int ArchitecturalDifference(OfaSubnetConfig a, OfaSubnetConfig b) =>
        Math.Abs(a.Depth - b.Depth) + Math.Abs(a.ExpandRatio - b.ExpandRatio) + Math.Abs(a.KernelSize - b.KernelSize);

    /// <summary>"(4, 6, 7)", as the paper prints it.</summary>
    public override string ToString() => $"({Depth}, {ExpandRatio}, {KernelSize})";
}
