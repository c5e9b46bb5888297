namespace Repro.Models.OnceForAll;

/// <summary>
/// A standalone OFA sub-network (what once-for-all's <c>get_active_subnet</c> returns): every block built
/// at the sub-net's depth, expand ratio and kernel, so it runs, quantizes and prunes like any Classifier.
/// <see cref="OfaSupernet.Extract"/> fills it with the supernet's weights; <see cref="OfaSubnetSpec.Create"/>
/// gives a freshly initialised one.
/// </summary>
public sealed partial class OfaSubnet : OfaNetwork
{
    public OfaSubnet(OfaSubnetSpec spec, InputShape input, int classes)
        : base(nameof(OfaSubnet), spec, spec.Supernet, input, classes, spec.Config.Depth, spec.Config.ExpandRatio, new[] { spec.Config.KernelSize })
    {
        Config = spec.Config;
    }

    public OfaSubnetConfig Config { get; }
}
