using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>The operations a NASNet-A cell chooses from (Zoph et al. 2018, Fig. 4).</summary>
public enum NasNetOperationKind
{
    Separable3x3,
    Separable5x5,
    Separable7x7,
    AvgPool3x3,
    MaxPool3x3,
    Identity,
}

/// <summary>
/// One operation applied to one hidden state, as TF-slim's <c>_apply_conv_operation</c> does: separable
/// stacks map to the cell's width; pooling adds a 1x1 ConvBn when the width differs; identity becomes
/// ReLU + strided 1x1 ConvBn when it must stride or change width.
/// </summary>
public sealed class NasNetOperation : nn.Module<Tensor, Tensor>
{
    readonly NasNetOperationKind kind;
    readonly long stride;
    readonly SeparableConvStack? separable;
    readonly ConvBn? projection;

    public NasNetOperation(NasNetOperationKind kind, long inChannels, long outChannels, long stride) : base(nameof(NasNetOperation))
    {
        this.kind = kind;
        this.stride = stride;
        switch (kind)
        {
            case NasNetOperationKind.Separable3x3: separable = new SeparableConvStack(inChannels, outChannels, 3, stride); break;
            case NasNetOperationKind.Separable5x5: separable = new SeparableConvStack(inChannels, outChannels, 5, stride); break;
            case NasNetOperationKind.Separable7x7: separable = new SeparableConvStack(inChannels, outChannels, 7, stride); break;
            case NasNetOperationKind.Identity:
                if (stride > 1 || inChannels != outChannels)
                    projection = new ConvBn(inChannels, outChannels, 1, stride: stride, activation: ActivationFunction.None);
                break;
            default:
                if (inChannels != outChannels)
                    projection = new ConvBn(inChannels, outChannels, 1, activation: ActivationFunction.None);
                break;
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        if (separable is not null) return separable.forward(x);
        using var scope = NewDisposeScope();
        Tensor y = kind switch
        {
            // TF's 'SAME' average pooling divides by the pixels inside the image only.
            NasNetOperationKind.AvgPool3x3 => nn.functional.avg_pool2d(x, 3, stride: stride, padding: 1, count_include_pad: false),
            NasNetOperationKind.MaxPool3x3 => nn.functional.max_pool2d(x, 3, stride: stride, padding: 1),
            _ => projection is null ? x.alias() : projection.forward(nn.functional.relu(x)),
        };
        if (kind != NasNetOperationKind.Identity && projection is not null) y = projection.forward(y);
        return y.MoveToOuterDisposeScope();
    }
}
