using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>SqueezeNet's Fire module (Iandola et al. 2016): a 1x1 squeeze, then 1x1 and 3x3 expands concatenated.</summary>
public sealed class FireModule : nn.Module<Tensor, Tensor>
{
    readonly ConvBn squeeze;
    readonly ConvBn expand1x1;
    readonly ConvBn expand3x3;

    public FireModule(long inChannels, long squeezeChannels, long expand1x1Channels, long expand3x3Channels, bool batchNorm)
        : base(nameof(FireModule))
    {
        squeeze = new ConvBn(inChannels, squeezeChannels, 1, batchNorm: batchNorm);
        expand1x1 = new ConvBn(squeezeChannels, expand1x1Channels, 1, batchNorm: batchNorm);
        expand3x3 = new ConvBn(squeezeChannels, expand3x3Channels, 3, batchNorm: batchNorm);
        OutChannels = expand1x1Channels + expand3x3Channels;
        RegisterComponents();
    }

    public long OutChannels { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var s = squeeze.forward(x);
        return cat(new[] { expand1x1.forward(s), expand3x3.forward(s) }, 1).MoveToOuterDisposeScope();
    }
}
