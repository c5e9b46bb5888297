using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>Conv (2-D): groups (depthwise convolutions), dilations, explicit or automatic padding.</summary>
public sealed class OnnxConv : OnnxOperator
{
    readonly OnnxWindow window;
    readonly long groups;

    public OnnxConv(OnnxNode node) : base(node)
    {
        node.RequireArity(2, 3);
        window = new OnnxWindow(node, kernelRequired: false);
        groups = node.Int("group", 1);
        if (groups < 1) throw node.Error($"= {groups} must be at least 1", "group");
        node.RequireAllAttributesRead();
    }

    public override bool IsWeight(int input) => input is 1 or 2;

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var weight = Required(inputs, 1);
        if (weight.dim() != 4) throw Node.Error($"has a {weight.dim()}-D weight; the importer implements 2-D convolutions");
        long[] kernel = window.Kernel ?? new[] { weight.shape[2], weight.shape[3] };
        var (x, padding) = window.Apply(Required(inputs, 0), kernel, 0);
        return nn.functional.conv2d(x, weight, Optional(inputs, 2), window.Strides, padding, window.Dilations, groups);
    }
}
