using Onnx;
using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>Constant: its value (a tensor, or a float, int or list of them) is read once, at import.</summary>
public sealed class OnnxConstant : OnnxOperator
{
    public OnnxConstant(OnnxNode node) : base(node)
    {
        node.RequireArity(0, 0);
        TensorProto? t = node.Tensor("value");
        float? single = node.Has("value_float") ? node.Float("value_float", 0) : null;
        long? integer = node.Has("value_int") ? node.Int("value_int", 0) : null;
        float[]? floats = node.Floats("value_floats");
        long[]? ints = node.Ints("value_ints");
        node.RequireAllAttributesRead();
        Value = t is not null ? OnnxTensors.ToTorch(t, node.Model)
            : single is { } f ? tensor(f)
            : integer is { } i ? tensor(i)
            : floats is not null ? tensor(floats)
            : ints is not null ? tensor(ints)
            : throw node.Error("has no value attribute (value, value_float, value_int, value_floats or value_ints)");
    }

    /// <summary>The constant; the module keeps it as a buffer.</summary>
    public Tensor Value { get; }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs) => Value.alias();
}
