using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Repro.Models.Layers;

/// <summary>
/// Convolution, optional batch norm and optional activation: the unit every architecture is built
/// from. In 8-bit mode the batch norm is folded into the convolution (as int8 deployment does), the
/// folded weights are quantized per output channel and the input per tensor.
/// Parameter names follow torchvision's (<c>conv.weight</c>, <c>bn.running_mean</c>, ...).
/// </summary>
public sealed class ConvBn : Module<Tensor, Tensor>, IQuantizableLayer
{
    readonly Conv2d conv;
    readonly BatchNorm2d? bn;
    readonly InputRangeObserver observer;
    readonly ActivationFunction activation;

    public ConvBn(long inChannels, long outChannels, long kernelSize, long stride = 1, long? padding = null,
        long groups = 1, bool batchNorm = true, ActivationFunction activation = ActivationFunction.ReLU, bool? bias = null)
        : base(nameof(ConvBn))
    {
        conv = Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: padding ?? kernelSize / 2,
            groups: groups, bias: bias ?? !batchNorm);
        if (batchNorm) bn = BatchNorm2d(outChannels);
        observer = new InputRangeObserver();
        this.activation = activation;
        RegisterComponents();
    }

    public Conv2d Conv => conv;
    public BatchNorm2d? Norm => bn;
    public long OutChannels => conv.out_channels;
    public ActivationFunction Activation => activation;

    public QuantizationMode Mode { get => observer.Mode; set => observer.Mode = value; }
    public (float Min, float Max) InputRange => observer.Range;
    public void ResetInputRange() => observer.Reset();

    public override Tensor forward(Tensor x)
    {
        var mode = observer.Mode;
        if (mode != QuantizationMode.Int8)
        {
            using var input = observer.forward(x);
            var y = conv.forward(input);
            if (bn is not null) y = Normalize(bn, y);
            return Activate(y);
        }

        using var scope = NewDisposeScope();
        if (training && bn is not null)
        {
            // Training the 8-bit model (quantization-aware fine-tuning): 8-bit input, per-channel 8-bit weights, then batch
            // norm on the batch's statistics (updating the running ones), as in training from scratch. Folding the frozen
            // running statistics instead lets the weights drift with nothing to renormalise them, and a fine-tune at the
            // training learning rate then saturates every activation range. Per-channel symmetric quantization commutes
            // with batch norm's per-channel scale, so the folded 8-bit weights evaluation uses are these, rescaled.
            var input = observer.forward(x);
            var trained = functional.conv2d(input, FakeQuantization.WeightsPerChannel(conv.weight!), conv.bias,
                strides: conv.stride, padding: conv.padding, dilation: conv.dilation, groups: conv.groups);
            return Activate(Normalize(bn, trained)).MoveToOuterDisposeScope();
        }
        var (weight, biasTerm) = FoldedWeightAndBias();
        var quantizedInput = observer.forward(x);
        var quantizedWeight = FakeQuantization.WeightsPerChannel(weight);
        var output = functional.conv2d(quantizedInput, quantizedWeight, biasTerm,
            strides: conv.stride, padding: conv.padding, dilation: conv.dilation, groups: conv.groups);
        return Activate(output).MoveToOuterDisposeScope();
    }

    /// <summary>The batch count's increment, held for the process (an implicit one is freed by the GC mid-call; Runtime/Sgd.cs).</summary>
    static readonly Scalar OneBatch = 1;

    /// <summary>
    /// TorchSharp's BatchNorm2d.forward, op for op (the same bits), with the scalar of its training-mode
    /// <c>num_batches_tracked.add_(1)</c> held instead of converted implicitly: one per batch norm per training step.
    /// </summary>
    static Tensor Normalize(BatchNorm2d norm, Tensor y)
    {
        if (!norm.training || !norm.track_running_stats || norm.num_batches_tracked is not { } batches) return norm.forward(y);
        batches.add_(OneBatch);
        double factor = norm.momentum ?? 1.0 / batches.item<long>();
        return functional.batch_norm(y, norm.running_mean, norm.running_var, norm.weight, norm.bias, true, factor, norm.eps);
    }

    /// <summary>Weights and bias with the batch norm's running statistics folded in (eval-mode batch norm).</summary>
    public (Tensor Weight, Tensor? Bias) FoldedWeightAndBias()
    {
        var weight = conv.weight!;
        if (bn is null) return (weight, conv.bias);
        var invStd = (bn.running_var! + bn.eps).rsqrt();
        var gamma = bn.weight! * invStd;
        var folded = weight * gamma.reshape(-1, 1, 1, 1);
        var baseBias = conv.bias is null ? zeros_like(bn.running_mean!) : conv.bias;
        var bias = (baseBias - bn.running_mean!) * gamma + bn.bias!;
        return (folded, bias);
    }

    /// <summary>Applies this layer's fused activation (also used by elastic supernets that run the convolution themselves).</summary>
    public Tensor Activate(Tensor y) => activation switch
    {
        ActivationFunction.ReLU => functional.relu(y),
        ActivationFunction.ReLU6 => functional.relu6(y),
        // Written out rather than the native hardswish/hardsigmoid, whose backward has no derivative in libtorch:
        // the input-gradient unpairing penalty backpropagates through the gradient (double backprop). Same values.
        ActivationFunction.HardSwish => y * functional.relu6(y + 3) / 6,
        ActivationFunction.HardSigmoid => functional.relu6(y + 3) / 6,
        _ => y,
    };
}
