using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>
/// Pad (opset 11+: pads and constant_value as inputs; opset 18+: optional axes): constant, reflect or edge. ONNX lists
/// all begins then all ends, first axis first; PyTorch takes (begin, end) pairs from the last axis backwards.
/// </summary>
public sealed class OnnxPad : OnnxOperator
{
    readonly PaddingModes mode;

    public OnnxPad(OnnxNode node) : base(node)
    {
        node.RequireArity(2, node.Opset >= 18 ? 4 : 3);
        mode = node.StringOneOf("mode", "constant", "constant", "reflect", "edge") switch
        {
            "reflect" => PaddingModes.Reflect,
            "edge" => PaddingModes.Replicate,
            _ => PaddingModes.Constant,
        };
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        long rank = x.dim();
        var pads = OnnxTensors.Longs(Required(inputs, 1));
        var axes = Optional(inputs, 3) is { } given
            ? OnnxTensors.Longs(given).Select(a => a < 0 ? a + rank : a).ToArray()
            : Enumerable.Range(0, (int)rank).Select(a => (long)a).ToArray();
        if (pads.Length != 2 * axes.Length) throw Node.Error($"has {pads.Length} pads for {axes.Length} axes");
        var begin = new long[rank];
        var end = new long[rank];
        for (int i = 0; i < axes.Length; i++) (begin[axes[i]], end[axes[i]]) = (pads[i], pads[i + axes.Length]);
        double fill = 0;
        if (Optional(inputs, 2) is { } value) fill = value.cpu().to_type(ScalarType.Float64).item<double>();
        // Reflect and edge are PyTorch kernels over trailing spatial axes only.
        if (mode != PaddingModes.Constant && (begin[0] != 0 || end[0] != 0 || begin[1] != 0 || end[1] != 0))
            throw Node.Error("pads the batch or channel axis in reflect or edge mode, which the importer does not implement");
        int last = mode == PaddingModes.Constant ? 0 : 2;
        var torchPads = new List<long>();
        for (long axis = rank - 1; axis >= last; axis--) { torchPads.Add(begin[axis]); torchPads.Add(end[axis]); }
        return nn.functional.pad(x, torchPads.ToArray(), mode, fill);
    }
}
