using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.OnceForAll;

/// <summary>
/// MobileNetV3's squeeze-and-excitation as once-for-all builds it: global mean, 1x1 reduce to a quarter
/// (rounded to 8) with ReLU, 1x1 expand with hard sigmoid, channel-wise gate. Both 1x1 layers are ConvBn
/// without batch norm, with bias. With fewer active channels (elastic width) it uses the leading slices.
/// </summary>
public sealed class SqueezeExcitation : nn.Module<Tensor, Tensor>
{
    readonly ConvBn reduce;
    readonly ConvBn expand;

    public SqueezeExcitation(long channels) : base(nameof(SqueezeExcitation))
    {
        reduce = new ConvBn(channels, OfaSpec.SqueezeChannels((int)channels), 1, batchNorm: false, bias: true, activation: ActivationFunction.ReLU);
        expand = new ConvBn(reduce.OutChannels, channels, 1, batchNorm: false, bias: true, activation: ActivationFunction.HardSigmoid);
        RegisterComponents();
    }

    internal ConvBn Reduce => reduce;
    internal ConvBn Expand => expand;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var gate = expand.forward(reduce.forward(x.mean(new long[] { 2, 3 }, keepdim: true)));
        return (x * gate).MoveToOuterDisposeScope();
    }

    /// <summary>The same on the first <paramref name="channels"/> channels, with its bottleneck narrowed to match.</summary>
    internal Tensor ForwardElastic(Tensor x, long channels)
    {
        using var scope = NewDisposeScope();
        long mid = OfaSpec.SqueezeChannels((int)channels);
        var pooled = x.mean(new long[] { 2, 3 }, keepdim: true);
        var hidden = reduce.Activate(nn.functional.conv2d(pooled, reduce.Conv.weight![..(int)mid, ..(int)channels], reduce.Conv.bias![..(int)mid]));
        var gate = expand.Activate(nn.functional.conv2d(hidden, expand.Conv.weight![..(int)channels, ..(int)mid], expand.Conv.bias![..(int)channels]));
        return (x * gate).MoveToOuterDisposeScope();
    }
}
