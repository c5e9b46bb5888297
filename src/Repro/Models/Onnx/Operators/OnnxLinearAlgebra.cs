using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>Gemm: alpha A' B' + beta C, with A' and B' optionally transposed (a Linear layer is transB = 1).</summary>
public sealed class OnnxGemm : OnnxOperator
{
    readonly double alpha;
    readonly double beta;
    readonly bool transposeA;
    readonly bool transposeB;

    public OnnxGemm(OnnxNode node) : base(node)
    {
        node.RequireArity(2, 3);
        alpha = node.Float("alpha", 1f);
        beta = node.Float("beta", 1f);
        transposeA = node.IntOneOf("transA", 0, 0, 1) == 1;
        transposeB = node.IntOneOf("transB", 0, 0, 1) == 1;
        node.RequireAllAttributesRead();
    }

    public override bool IsWeight(int input) => true;

    public override Tensor Run(IReadOnlyList<Tensor?> inputs)
    {
        using var scope = NewDisposeScope();
        var a = Required(inputs, 0);
        var b = Required(inputs, 1);
        if (a.dim() != 2 || b.dim() != 2) throw Node.Error($"takes 2-D A and B, got [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}]");
        var product = (transposeA ? a.t() : a).matmul(transposeB ? b.t() : b);
        if (alpha != 1) product = product * alpha;
        var c = Optional(inputs, 2);
        if (c is not null) product = product + (beta == 1 ? c : c * beta);
        return product.MoveToOuterDisposeScope();
    }
}

/// <summary>MatMul with NumPy's batched semantics (torch.matmul's).</summary>
public sealed class OnnxMatMul : OnnxOperator
{
    public OnnxMatMul(OnnxNode node) : base(node) { node.RequireArity(2, 2); node.RequireAllAttributesRead(); }

    public override bool IsWeight(int input) => true;

    public override Tensor Run(IReadOnlyList<Tensor?> inputs) => Required(inputs, 0).matmul(Required(inputs, 1));
}
