using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>MaxPool (2-D; ceil mode, dilations, padding; the Indices output is not implemented).</summary>
public sealed class OnnxMaxPool : OnnxOperator
{
    readonly OnnxWindow window;
    readonly bool ceil;

    public OnnxMaxPool(OnnxNode node) : base(node)
    {
        node.RequireArity(1, 1);
        window = new OnnxWindow(node, kernelRequired: true);
        ceil = node.IntOneOf("ceil_mode", 0, 0, 1) == 1;
        node.IntOneOf("storage_order", 0, 0);
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var (x, padding) = window.Apply(Required(inputs, 0), window.Kernel!, double.NegativeInfinity);
        return nn.functional.max_pool2d(x, window.Kernel!, window.Strides, padding, window.Dilations, ceil);
    }
}

/// <summary>AveragePool (2-D): count_include_pad either way, ceil mode, padding.</summary>
public sealed class OnnxAveragePool : OnnxOperator
{
    readonly OnnxWindow window;
    readonly bool ceil;
    readonly bool countPads;

    public OnnxAveragePool(OnnxNode node) : base(node)
    {
        node.RequireArity(1, 1);
        window = new OnnxWindow(node, kernelRequired: true);
        ceil = node.IntOneOf("ceil_mode", 0, 0, 1) == 1;
        countPads = node.IntOneOf("count_include_pad", 0, 0, 1) == 1;
        if (window.Dilations.Any(d => d != 1)) throw node.Error("other than 1 is not supported for AveragePool", "dilations");
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var kernel = window.Kernel!;
        var pads = window.Pads(x.shape[2], x.shape[3], kernel);
        if (pads[0] == pads[2] && pads[1] == pads[3])
            return nn.functional.avg_pool2d(x, kernel, window.Strides, new[] { pads[0], pads[1] }, ceil, countPads);
        // Asymmetric padding: pad explicitly, then divide window sums by the count of real (or all) pixels per window.
        using var scope = NewDisposeScope();
        var torchPads = new[] { pads[1], pads[3], pads[0], pads[2] };
        var sums = nn.functional.avg_pool2d(nn.functional.pad(x, torchPads), kernel, window.Strides, new long[2], ceil, true);
        if (countPads) return sums.MoveToOuterDisposeScope();
        var real = nn.functional.pad(ones(1, 1, x.shape[2], x.shape[3], dtype: x.dtype, device: x.device), torchPads);
        var fraction = nn.functional.avg_pool2d(real, kernel, window.Strides, new long[2], ceil, true);
        return (sums / fraction).MoveToOuterDisposeScope();
    }
}

/// <summary>GlobalAveragePool: the mean over every spatial axis, kept as size-1 axes.</summary>
public sealed class OnnxGlobalAveragePool : OnnxOperator
{
    public OnnxGlobalAveragePool(OnnxNode node) : base(node)
    {
        node.RequireArity(1, 1);
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        return x.mean(Enumerable.Range(2, (int)x.dim() - 2).Select(a => (long)a).ToArray(), keepdim: true);
    }
}
