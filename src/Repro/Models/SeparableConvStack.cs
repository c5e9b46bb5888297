using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// NASNet's "sep k x k" operation: twice ReLU, depthwise k x k, pointwise 1x1, batch norm (Zoph et al. 2018,
/// App. A.4; TF-slim's <c>_stacked_separable_conv</c>); only the first depthwise convolution strides. The
/// depthwise convolution has no batch norm of its own, so its ConvBn has none.
/// </summary>
public sealed class SeparableConvStack : nn.Module<Tensor, Tensor>
{
    readonly ConvBn depthwise1;
    readonly ConvBn pointwise1;
    readonly ConvBn depthwise2;
    readonly ConvBn pointwise2;

    public SeparableConvStack(long inChannels, long outChannels, long kernelSize, long stride) : base(nameof(SeparableConvStack))
    {
        depthwise1 = new ConvBn(inChannels, inChannels, kernelSize, stride: stride, groups: inChannels, batchNorm: false, activation: ActivationFunction.None, bias: false);
        pointwise1 = new ConvBn(inChannels, outChannels, 1, activation: ActivationFunction.ReLU);
        depthwise2 = new ConvBn(outChannels, outChannels, kernelSize, groups: outChannels, batchNorm: false, activation: ActivationFunction.None, bias: false);
        pointwise2 = new ConvBn(outChannels, outChannels, 1, activation: ActivationFunction.None);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // The second ReLU is fused into pointwise1: relu(bn(pw(dw(relu(x))))) feeds depthwise2.
        var y = pointwise1.forward(depthwise1.forward(nn.functional.relu(x)));
        return pointwise2.forward(depthwise2.forward(y)).MoveToOuterDisposeScope();
    }
}
