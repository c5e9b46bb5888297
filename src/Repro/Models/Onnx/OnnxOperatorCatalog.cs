using Repro.Models.Onnx.Operators;

namespace Repro.Models.Onnx;

/// <summary>
/// The operator set the importer implements, the one of mobile and server CNNs (issue 15), and the opsets it reads.
/// A node outside it is an <see cref="OnnxImportException"/> naming the node and the operator.
/// </summary>
public static class OnnxOperatorCatalog
{
    /// <summary>The oldest opset read: 11 is where Clip, Pad, Resize and friends took their current input form.</summary>
    public const int OldestOpset = 11;

    /// <summary>
    /// The newest opset read: through 21 every operator of the set either kept its meaning or changed in a way the
    /// operators implement (axes as inputs in opset 13 and 18) or refuse by name (new attributes and element types).
    /// </summary>
    public const int NewestOpset = 21;

    static readonly IReadOnlyDictionary<string, Func<OnnxNode, OnnxOperator>> Factories = new Dictionary<string, Func<OnnxNode, OnnxOperator>>(StringComparer.Ordinal)
    {
        ["Conv"] = n => new OnnxConv(n),
        ["BatchNormalization"] = n => new OnnxBatchNormalization(n),
        ["Relu"] = n => new OnnxRelu(n),
        ["Clip"] = n => new OnnxClip(n),
        ["HardSwish"] = n => new OnnxHardSwish(n),
        ["HardSigmoid"] = n => new OnnxHardSigmoid(n),
        ["Sigmoid"] = n => new OnnxSigmoid(n),
        ["Add"] = n => new OnnxArithmetic(n),
        ["Sub"] = n => new OnnxArithmetic(n),
        ["Mul"] = n => new OnnxArithmetic(n),
        ["Div"] = n => new OnnxArithmetic(n),
        ["GlobalAveragePool"] = n => new OnnxGlobalAveragePool(n),
        ["AveragePool"] = n => new OnnxAveragePool(n),
        ["MaxPool"] = n => new OnnxMaxPool(n),
        ["Gemm"] = n => new OnnxGemm(n),
        ["MatMul"] = n => new OnnxMatMul(n),
        ["Flatten"] = n => new OnnxFlatten(n),
        ["Reshape"] = n => new OnnxReshape(n),
        ["Transpose"] = n => new OnnxTranspose(n),
        ["Concat"] = n => new OnnxConcat(n),
        ["Softmax"] = n => new OnnxSoftmax(n),
        ["Pad"] = n => new OnnxPad(n),
        ["ReduceMean"] = n => new OnnxReduceMean(n),
        ["Squeeze"] = n => new OnnxSqueeze(n),
        ["Unsqueeze"] = n => new OnnxUnsqueeze(n),
        ["Constant"] = n => new OnnxConstant(n),
        ["Identity"] = n => new OnnxIdentity(n),
        ["QuantizeLinear"] = n => new OnnxQuantizeLinear(n),
        ["DequantizeLinear"] = n => new OnnxDequantizeLinear(n),
    };

    public static IReadOnlyCollection<string> Operators => (IReadOnlyCollection<string>)Factories.Keys;

    public static OnnxOperator Create(OnnxNode node, string domain)
    {
        if (domain is not ("" or "ai.onnx"))
            throw node.Error($"belongs to the operator domain '{domain}'; the importer implements the standard ONNX domain only");
        if (!Factories.TryGetValue(node.Operator, out var create))
            throw node.Error($"operator {node.Operator} is not in the importer's set ({string.Join(", ", Factories.Keys.Order(StringComparer.Ordinal))})");
        return create(node);
    }
}
