using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>
/// QuantizeLinear as fake quantization: round(x / scale) + zero_point saturated to the zero point's 8-bit range, kept
/// in floating point so that gradients pass. The gradient is straight-through inside the range and zero outside, as
/// PyTorch's fake_quantize_per_tensor_affine defines it. Per-axis scales (opset 13+) broadcast along axis.
/// </summary>
public sealed class OnnxQuantizeLinear : OnnxOperator
{
    readonly long axis;

    public OnnxQuantizeLinear(OnnxNode node) : base(node)
    {
        node.RequireArity(2, 3);
        axis = node.Opset >= 13 ? node.Int("axis", 1) : 1;
        node.RequireAllAttributesRead();
    }

    /// <summary>A float initializer quantized in the graph is a weight (QDQ exports keep weights float and quantize them).</summary>
    public override bool IsWeight(int input) => input == 0;

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        using var scope = NewDisposeScope();
        var x = Required(inputs, 0);
        var zeroPoint = Optional(inputs, 2);
        var (low, high) = QuantizedRange.Of(Node, zeroPoint);
        var scale = QuantizedRange.Broadcast(Required(inputs, 1), x, axis, Node);
        var shifted = x / scale;
        if (zeroPoint is not null) shifted = shifted + QuantizedRange.Broadcast(zeroPoint.to_type(x.dtype), x, axis, Node);
        var clipped = shifted.clamp(low, high);
        // Forward: the rounded value; backward: the clamp's gradient (1 inside the range, 0 outside).
        var quantized = clipped + (clipped.round() - clipped).detach();
        return quantized.MoveToOuterDisposeScope();
    }
}

/// <summary>DequantizeLinear: (x - zero_point) * scale, per tensor or per axis; x may be an int8/uint8 initializer.</summary>
public sealed class OnnxDequantizeLinear : OnnxOperator
{
    readonly long axis;

    public OnnxDequantizeLinear(OnnxNode node) : base(node)
    {
        node.RequireArity(2, 3);
        axis = node.Opset >= 13 ? node.Int("axis", 1) : 1;
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        using var scope = NewDisposeScope();
        var scale = Required(inputs, 1);
        var x = Required(inputs, 0);
        var zeroPoint = Optional(inputs, 2);
        QuantizedRange.Of(Node, zeroPoint ?? (x.is_floating_point() ? null : x));
        var values = x.is_floating_point() ? x : x.to_type(scale.dtype);
        if (zeroPoint is not null) values = values - QuantizedRange.Broadcast(zeroPoint.to_type(scale.dtype), values, axis, Node);
        return (values * QuantizedRange.Broadcast(scale, values, axis, Node)).MoveToOuterDisposeScope();
    }
}

/// <summary>The 8-bit ranges of QDQ graphs and the per-axis broadcast of their scales and zero points.</summary>
static class QuantizedRange
{
    /// <summary>The saturation range the zero point's type sets: uint8 when there is none, as ONNX says.</summary>
    public static (double Low, double High) Of(OnnxNode node, Tensor? zeroPoint) => zeroPoint?.dtype switch
    {
        null or ScalarType.Byte => (0, 255),
        ScalarType.Int8 => (-128, 127),
        var other => throw node.Error($"quantizes to {other}; the importer implements 8-bit QDQ (uint8 and int8)"),
    };

    public static Tensor Broadcast(Tensor parameter, Tensor x, long axis, OnnxNode node)
    {
        if (parameter.dim() == 0 || parameter.numel() == 1) return parameter.reshape(Array.Empty<long>());
        long a = axis < 0 ? axis + x.dim() : axis;
        if (parameter.dim() != 1 || a < 0 || a >= x.dim() || parameter.shape[0] != x.shape[a])
            throw node.Error($"has a scale or zero point of shape [{string.Join(", ", parameter.shape)}] for input [{string.Join(", ", x.shape)}] along axis {axis}");
        var shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        shape[a] = parameter.shape[0];
        return parameter.reshape(shape);
    }
}
