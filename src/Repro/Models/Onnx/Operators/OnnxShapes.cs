using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>Flatten: [d0 ... d(axis-1)] and [d(axis) ...] each collapsed into one axis.</summary>
public sealed class OnnxFlatten : OnnxOperator
{
    readonly long axis;

    public OnnxFlatten(OnnxNode node) : base(node) { node.RequireArity(1, 1); axis = node.Int("axis", 1); node.RequireAllAttributesRead(); }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        long a = axis < 0 ? axis + x.dim() : axis;
        if (a < 0 || a > x.dim()) throw Node.Error($"= {axis} is outside the input's {x.dim()} axes", "axis");
        long outer = x.shape.Take((int)a).Aggregate(1L, (p, d) => p * d);
        return x.reshape(outer, -1);
    }
}

/// <summary>Reshape: the shape input may hold -1 (inferred) and 0 (copied from the input unless allowzero = 1).</summary>
public sealed class OnnxReshape : OnnxOperator
{
    readonly bool allowZero;

    public OnnxReshape(OnnxNode node) : base(node)
    {
        node.RequireArity(2, 2);
        allowZero = node.IntOneOf("allowzero", 0, 0, 1) == 1;
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var shape = OnnxTensors.Longs(Required(inputs, 1));
        if (!allowZero)
            for (int i = 0; i < shape.Length; i++)
                if (shape[i] == 0) shape[i] = x.shape[i];
        return x.reshape(shape);
    }
}

/// <summary>Transpose: perm, by default the axes reversed.</summary>
public sealed class OnnxTranspose : OnnxOperator
{
    readonly long[]? perm;

    public OnnxTranspose(OnnxNode node) : base(node) { node.RequireArity(1, 1); perm = node.Ints("perm"); node.RequireAllAttributesRead(); }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        return x.permute(perm ?? Enumerable.Range(0, (int)x.dim()).Reverse().Select(a => (long)a).ToArray());
    }
}

/// <summary>Concat along axis.</summary>
public sealed class OnnxConcat : OnnxOperator
{
    readonly long axis;

    public OnnxConcat(OnnxNode node) : base(node)
    {
        node.RequireArity(1, int.MaxValue);
        if (!node.Has("axis")) throw node.Error("is required", "axis");
        axis = node.Int("axis", 0);
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs) => cat(inputs.Select((t, i) => Required(inputs, i)).ToArray(), axis);
}

/// <summary>Squeeze: axes as an attribute (before opset 13) or an optional input; none given squeezes every 1.</summary>
public sealed class OnnxSqueeze : OnnxOperator
{
    readonly long[]? axes;

    public OnnxSqueeze(OnnxNode node) : base(node)
    {
        node.RequireArity(1, node.Opset >= 13 ? 2 : 1);
        if (node.Opset < 13) axes = node.Ints("axes");
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var chosen = axes ?? (Optional(inputs, 1) is { } given ? OnnxTensors.Longs(given) : null);
        if (chosen is null) return x.squeeze();
        var rank = x.dim();
        var normal = chosen.Select(a => a < 0 ? a + rank : a).ToHashSet();
        foreach (var a in normal)
            if (a < 0 || a >= rank || x.shape[a] != 1) throw Node.Error($"cannot squeeze axis {a} of shape [{string.Join(", ", x.shape)}]");
        return x.reshape(x.shape.Where((_, i) => !normal.Contains(i)).ToArray());
    }
}

/// <summary>Unsqueeze: axes (attribute before opset 13, input from 13) index the output's axes.</summary>
public sealed class OnnxUnsqueeze : OnnxOperator
{
    readonly long[]? axes;

    public OnnxUnsqueeze(OnnxNode node) : base(node)
    {
        bool axesInput = node.Opset >= 13;
        node.RequireArity(axesInput ? 2 : 1, axesInput ? 2 : 1);
        if (!axesInput) axes = node.Ints("axes") ?? throw node.Error("is required", "axes");
        node.RequireAllAttributesRead();
    }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var chosen = axes ?? OnnxTensors.Longs(Required(inputs, 1));
        long rank = x.dim() + chosen.Length;
        var inserted = chosen.Select(a => a < 0 ? a + rank : a).ToHashSet();
        var shape = new List<long>();
        int source = 0;
        for (long i = 0; i < rank; i++) shape.Add(inserted.Contains(i) ? 1 : x.shape[source++]);
        return x.reshape(shape.ToArray());
    }
}

/// <summary>Identity.</summary>
public sealed class OnnxIdentity : OnnxOperator
{
    public OnnxIdentity(OnnxNode node) : base(node) { node.RequireArity(1, 1); node.RequireAllAttributesRead(); }

    public override Tensor Run(IReadOnlyList<Tensor?> inputs) => Required(inputs, 0).alias();
}
