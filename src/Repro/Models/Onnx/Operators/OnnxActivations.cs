using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>Relu.</summary>
public sealed class OnnxRelu : OnnxOperator
{
    public OnnxRelu(OnnxNode node) : base(node) { node.RequireArity(1, 1); node.RequireAllAttributesRead(); }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs) => nn.functional.relu(Required(inputs, 0));
}

/// <summary>Sigmoid.</summary>
public sealed class OnnxSigmoid : OnnxOperator
{
    public OnnxSigmoid(OnnxNode node) : base(node) { node.RequireArity(1, 1); node.RequireAllAttributesRead(); }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs) => Required(inputs, 0).sigmoid();
}

/// <summary>Clip with optional min and max inputs (opset 11+): ReLU6 is Clip(0, 6).</summary>
public sealed class OnnxClip : OnnxOperator
{
    public OnnxClip(OnnxNode node) : base(node) { node.RequireArity(1, 3); node.RequireAllAttributesRead(); }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        Tensor? low = Optional(inputs, 1), high = Optional(inputs, 2);
        if (low is null && high is null) return x.alias();
        return x.clamp(low, high);
    }
}

/// <summary>HardSigmoid: max(0, min(1, alpha x + beta)); PyTorch's Hardsigmoid is alpha = 1/6, beta = 1/2.</summary>
public sealed class OnnxHardSigmoid : OnnxOperator
{
    readonly double alpha;
    readonly double beta;

    public OnnxHardSigmoid(OnnxNode node) : base(node)
    {
        node.RequireArity(1, 1);
        alpha = node.Float("alpha", 0.2f);
        beta = node.Float("beta", 0.5f);
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        using var scaled = Required(inputs, 0) * alpha;
        using var shifted = scaled + beta;
        return shifted.clamp(0, 1);
    }
}

/// <summary>HardSwish: x * HardSigmoid(x) with alpha = 1/6, beta = 1/2 (PyTorch's Hardswish, whose gradient it uses).</summary>
public sealed class OnnxHardSwish : OnnxOperator
{
    public OnnxHardSwish(OnnxNode node) : base(node) { node.RequireArity(1, 1); node.RequireAllAttributesRead(); }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs) => nn.functional.hardswish(Required(inputs, 0));
}

/// <summary>
/// Softmax. Before opset 13 the input is flattened to 2-D at axis (default 1) and normalised over everything after
/// it; from opset 13 it is normalised along axis alone (default -1).
/// </summary>
public sealed class OnnxSoftmax : OnnxOperator
{
    readonly long axis;
    readonly bool coerced;

    public OnnxSoftmax(OnnxNode node) : base(node)
    {
        node.RequireArity(1, 1);
        coerced = node.Opset < 13;
        axis = node.Int("axis", coerced ? 1 : -1);
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        long rank = x.dim();
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw Node.Error($"= {axis} is outside the input's {rank} axes", "axis");
        if (!coerced) return x.softmax(a);
        using var scope = NewDisposeScope();
        long outer = x.shape.Take((int)a).Aggregate(1L, (p, d) => p * d);
        return x.reshape(outer, -1).softmax(1).reshape(x.shape).MoveToOuterDisposeScope();
    }
}
