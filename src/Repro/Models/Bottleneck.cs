using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>1x1 reduce, 3x3, 1x1 expand (x4) with a projection shortcut when shapes change (ResNet50's block).</summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    public const int Expansion = 4;

    readonly ConvBn conv1;
    readonly ConvBn conv2;
    readonly ConvBn conv3;
    readonly ConvBn? shortcut;

    public Bottleneck(long inChannels, long channels, long stride) : base(nameof(Bottleneck))
    {
        conv1 = new ConvBn(inChannels, channels, 1);
        conv2 = new ConvBn(channels, channels, 3, stride: stride);
        conv3 = new ConvBn(channels, channels * Expansion, 1, activation: ActivationFunction.None);
        if (stride != 1 || inChannels != channels * Expansion)
            shortcut = new ConvBn(inChannels, channels * Expansion, 1, stride: stride, activation: ActivationFunction.None);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = conv3.forward(conv2.forward(conv1.forward(x)));
        var skip = shortcut is null ? x : shortcut.forward(x);
        return nn.functional.relu(y + skip).MoveToOuterDisposeScope();
    }
}
