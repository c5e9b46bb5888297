using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// MobileNetV2's block: 1x1 expansion (x t), 3x3 depthwise, linear 1x1 projection, with a residual
/// connection where the stride is 1 (Sandler et al. 2018). The two published layouts differ in the
/// details listed on <see cref="MobileNetV2Layout"/>.
/// </summary>
public sealed class InvertedResidual : nn.Module<Tensor, Tensor>
{
    readonly ConvBn? expand;
    readonly ConvBn depthwise;
    readonly ConvBn project;
    readonly ConvBn? shortcut;
    readonly bool residual;

    public InvertedResidual(long inChannels, long outChannels, long stride, int expansion, MobileNetV2Layout layout)
        : base(nameof(InvertedResidual))
    {
        bool cifar = layout == MobileNetV2Layout.Cifar;
        var activation = cifar ? ActivationFunction.ReLU : ActivationFunction.ReLU6;
        long hidden = cifar ? inChannels * expansion : (long)Math.Round(inChannels * (double)expansion, MidpointRounding.ToEven);
        if (cifar || expansion != 1)
            expand = new ConvBn(inChannels, hidden, 1, activation: activation);
        depthwise = new ConvBn(hidden, hidden, 3, stride: stride, groups: hidden, activation: activation);
        project = new ConvBn(hidden, outChannels, 1, activation: ActivationFunction.None);
        if (cifar)
        {
            residual = stride == 1;
            if (residual && inChannels != outChannels)
                shortcut = new ConvBn(inChannels, outChannels, 1, activation: ActivationFunction.None);
        }
        else
        {
            residual = stride == 1 && inChannels == outChannels;
        }
        RegisterComponents();
    }

    public bool HasExpansion => expand is not null;
    public bool HasProjectionShortcut => shortcut is not null;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = expand is null ? x : expand.forward(x);
        y = project.forward(depthwise.forward(y));
        if (residual) y = y + (shortcut is null ? x : shortcut.forward(x));
        return y.MoveToOuterDisposeScope();
    }
}
