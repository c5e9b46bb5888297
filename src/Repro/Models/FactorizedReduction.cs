using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// NASNet's factorized reduction (TF-slim <c>factorized_reduction</c>): halves the resolution without
/// dropping pixels, by two strided 1x1 convolutions, one on the image shifted by a pixel, each to half the
/// channels, concatenated. TF-slim applies one batch norm after the concatenation; batch norm is per
/// channel, so giving each half its own ConvBn is the same function with the same parameters.
/// With stride 1 it is a 1x1 ConvBn.
/// </summary>
public sealed class FactorizedReduction : nn.Module<Tensor, Tensor>
{
    readonly ConvBn path1;
    readonly ConvBn? path2;

    public FactorizedReduction(long inChannels, long outChannels, long stride) : base(nameof(FactorizedReduction))
    {
        if (stride == 1)
        {
            path1 = new ConvBn(inChannels, outChannels, 1, activation: ActivationFunction.None);
        }
        else
        {
            if (outChannels % 2 != 0) throw new ArgumentException($"factorized reduction needs an even number of channels, got {outChannels}");
            path1 = new ConvBn(inChannels, outChannels / 2, 1, stride: stride, activation: ActivationFunction.None);
            path2 = new ConvBn(inChannels, outChannels / 2, 1, stride: stride, activation: ActivationFunction.None);
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        if (path2 is null) return path1.forward(x);
        using var scope = NewDisposeScope();
        // Pad right and bottom by one and drop the first row and column: the grid offset by one pixel.
        var shifted = nn.functional.pad(x, new long[] { 0, 1, 0, 1 })[.., .., 1.., 1..];
        return cat(new[] { path1.forward(x), path2.forward(shifted) }, 1).MoveToOuterDisposeScope();
    }
}
