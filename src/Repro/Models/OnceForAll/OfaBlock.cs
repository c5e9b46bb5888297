using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.OnceForAll;

/// <summary>
/// The MBConv block of an OFA network: 1x1 expansion to the middle width (absent at expand ratio 1),
/// k x k depthwise, optional squeeze-and-excitation, linear 1x1 projection, identity shortcut when shapes
/// allow. In a supernet it holds the largest widths and kernel and runs any smaller active (middle, kernel)
/// on the leading channels and the transformed kernel centre (elastic width and kernel); a sub-net's block
/// is the same class with exactly its own sizes.
/// </summary>
public sealed class OfaBlock : nn.Module<Tensor, Tensor>
{
    readonly ConvBn? invertedBottleneck;
    readonly ConvBn depthConv;
    readonly KernelTransform kernelTransform;
    readonly SqueezeExcitation? se;
    readonly ConvBn pointLinear;
    readonly bool residual;

    public OfaBlock(int inChannels, int outChannels, int middleChannels, IReadOnlyList<int> kernelSizes, int stride,
        ActivationFunction activation, bool squeezeExcite, bool kernelTransform) : base(nameof(OfaBlock))
    {
        this.kernelTransform = new KernelTransform(kernelSizes, kernelTransform && kernelSizes.Distinct().Count() > 1);
        int kernel = this.kernelTransform.MaxKernel;
        if (middleChannels != inChannels)
            invertedBottleneck = new ConvBn(inChannels, middleChannels, 1, activation: activation);
        depthConv = new ConvBn(middleChannels, middleChannels, kernel, stride: stride, groups: middleChannels, activation: activation);
        if (squeezeExcite) se = new SqueezeExcitation(middleChannels);
        pointLinear = new ConvBn(middleChannels, outChannels, 1, activation: ActivationFunction.None);
        residual = stride == 1 && inChannels == outChannels;
        InChannels = inChannels;
        OutChannels = outChannels;
        MaxMiddleChannels = middleChannels;
        ActiveMiddleChannels = middleChannels;
        ActiveKernel = kernel;
        RegisterComponents();
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int MaxMiddleChannels { get; }
    public int MaxKernel => kernelTransform.MaxKernel;
    public bool HasExpansion => invertedBottleneck is not null;
    public bool HasSqueezeExcite => se is not null;

    /// <summary>Middle channels the next forward uses (elastic width); the first ones, in the current order.</summary>
    public int ActiveMiddleChannels { get; private set; }

    /// <summary>Depthwise kernel the next forward uses (elastic kernel).</summary>
    public int ActiveKernel { get; private set; }

    internal ConvBn? InvertedBottleneck => invertedBottleneck;
    internal ConvBn DepthConv => depthConv;
    internal SqueezeExcitation? Se => se;
    internal ConvBn PointLinear => pointLinear;
    internal KernelTransform Kernels => kernelTransform;

    public bool IsAtMaximum => ActiveMiddleChannels == MaxMiddleChannels && ActiveKernel == MaxKernel;

    public void SetActive(int middleChannels, int kernel)
    {
        if (middleChannels < 1 || middleChannels > MaxMiddleChannels)
            throw new ArgumentOutOfRangeException(nameof(middleChannels), middleChannels, $"this block has at most {MaxMiddleChannels} middle channels");
        if (invertedBottleneck is null && middleChannels != MaxMiddleChannels)
            throw new ArgumentException("a block without expansion has no elastic width");
        if (!kernelTransform.Supports(kernel))
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"this block's kernel sizes are {string.Join(", ", kernelTransform.KernelSizes)}");
        ActiveMiddleChannels = middleChannels;
        ActiveKernel = kernel;
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor y;
        if (IsAtMaximum)
        {
            y = invertedBottleneck is null ? x : invertedBottleneck.forward(x);
            y = depthConv.forward(y);
            if (se is not null) y = se.forward(y);
            y = pointLinear.forward(y);
        }
        else
        {
            y = ForwardElastic(x);
        }
        if (residual) y = y + x;
        return y.MoveToOuterDisposeScope();
    }

    Tensor ForwardElastic(Tensor x)
    {
        // The elastic path computes the convolutions itself, so the ConvBn quantization simulation does not
        // run: quantize an extracted sub-net instead.
        if (depthConv.Mode != QuantizationMode.Float)
            throw new InvalidOperationException("a supernet runs 8-bit only at its largest configuration; extract the sub-net and quantize that");
        long m = ActiveMiddleChannels;
        var y = x;
        if (invertedBottleneck is not null)
            y = ElasticConvBn(invertedBottleneck, y, invertedBottleneck.Conv.weight![..(int)m], m, groups: 1, padding: 0);
        var depthwise = kernelTransform.Apply(depthConv.Conv.weight![..(int)m], ActiveKernel);
        y = ElasticConvBn(depthConv, y, depthwise, m, groups: m, padding: ActiveKernel / 2);
        if (se is not null) y = se.ForwardElastic(y, m);
        return ElasticConvBn(pointLinear, y, pointLinear.Conv.weight![.., ..(int)m], pointLinear.OutChannels, groups: 1, padding: 0);
    }

    // OFA's DynamicConv2d + DynamicBatchNorm2d: the leading slices of the weights, batch norm and its running
    // statistics (which training updates in place through the slice).
    Tensor ElasticConvBn(ConvBn layer, Tensor x, Tensor weight, long channels, long groups, long padding)
    {
        var y = nn.functional.conv2d(x, weight, null, strides: layer.Conv.stride, padding: new[] { padding, padding }, groups: groups);
        if (layer.Norm is { } bn)
            y = nn.functional.batch_norm(y, bn.running_mean!.narrow(0, 0, channels), bn.running_var!.narrow(0, 0, channels),
                bn.weight!.narrow(0, 0, channels), bn.bias!.narrow(0, 0, channels), training, bn.momentum ?? 0.1, bn.eps);
        return layer.Activate(y);
    }
}
