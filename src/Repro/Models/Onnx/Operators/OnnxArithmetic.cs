using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>
/// Add, Sub, Mul and Div with NumPy broadcasting. An initializer added or multiplied in is a learned weight (a bias, a
/// scale); one subtracted or divided by is a fixed constant (the input normalisation's mean and std).
/// </summary>
public sealed class OnnxArithmetic : OnnxOperator
{
    public OnnxArithmetic(OnnxNode node) : base(node)
    {
        node.RequireArity(2, 2);
        // Opset 6 and older graphs broadcast with these; they have no meaning from opset 7 on.
        if (node.Has("broadcast") || node.Has("axis")) throw node.Error("belongs to opset 6 and older, which the importer does not read", node.Has("axis") ? "axis" : "broadcast");
        node.RequireAllAttributesRead();
    }

    public override bool IsWeight(int input) => Node.Operator is "Add" or "Mul";

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        Tensor a = Required(inputs, 0), b = Required(inputs, 1);
        return Node.Operator switch
        {
            "Add" => a + b,
            "Sub" => a - b,
            "Mul" => a * b,
            // ONNX's integer division truncates.
            _ => a.is_floating_point() ? a / b : a.div(b, RoundingMode.trunc),
        };
    }
}
