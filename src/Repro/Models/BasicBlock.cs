using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>Two 3x3 ConvBn with an identity or 1x1-projection shortcut (He et al. 2016, CIFAR variant).</summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    public const int Expansion = 1;

    readonly ConvBn conv1;
    readonly ConvBn conv2;
    readonly ConvBn? shortcut;

    public BasicBlock(long inChannels, long channels, long stride) : base(nameof(BasicBlock))
    {
        conv1 = new ConvBn(inChannels, channels, 3, stride: stride);
        conv2 = new ConvBn(channels, channels, 3, activation: ActivationFunction.None);
        if (stride != 1 || inChannels != channels)
            shortcut = new ConvBn(inChannels, channels, 1, stride: stride, activation: ActivationFunction.None);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = conv2.forward(conv1.forward(x));
        var skip = shortcut is null ? x : shortcut.forward(x);
        return nn.functional.relu(y + skip).MoveToOuterDisposeScope();
    }
}
