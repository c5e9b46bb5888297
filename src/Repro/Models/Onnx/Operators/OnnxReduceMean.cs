using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>ReduceMean: axes as an attribute (up to opset 17) or as an input (opset 18+); keepdims.</summary>
public sealed class OnnxReduceMean : OnnxOperator
{
    readonly long[]? axes;
    readonly bool keep;
    readonly bool emptyIsNoop;

    public OnnxReduceMean(OnnxNode node) : base(node)
    {
        bool axesInput = node.Opset >= 18;
        node.RequireArity(1, axesInput ? 2 : 1);
        if (!axesInput) axes = node.Ints("axes");
        keep = node.IntOneOf("keepdims", 1, 0, 1) == 1;
        if (axesInput) emptyIsNoop = node.IntOneOf("noop_with_empty_axes", 0, 0, 1) == 1;
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var chosen = axes ?? (Optional(inputs, 1) is { } given ? OnnxTensors.Longs(given) : null);
        if (chosen is null || chosen.Length == 0)
        {
            if (emptyIsNoop) return x.alias();
            chosen = Enumerable.Range(0, (int)x.dim()).Select(a => (long)a).ToArray();
        }
        return x.mean(chosen, keepdim: keep);
    }
}
