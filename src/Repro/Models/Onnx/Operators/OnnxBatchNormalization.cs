using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Onnx.Operators;

/// <summary>
/// BatchNormalization in inference form (the one output ONNX inference graphs carry). In training mode the module
/// normalises with batch statistics and updates the running ones, as PyTorch's BatchNorm2d does, so fine-tuning the
/// imported module behaves like fine-tuning the original. ONNX's momentum weighs the old statistic (0.9), PyTorch's
/// the new one (0.1).
/// </summary>
public sealed class OnnxBatchNormalization : OnnxOperator
{
    readonly double epsilon;
    readonly double momentum;

    public OnnxBatchNormalization(OnnxNode node) : base(node)
    {
        node.RequireArity(5, 5);
        epsilon = node.Float("epsilon", 1e-5f);
        momentum = node.Float("momentum", 0.9f);
        // training_mode (opset 14+) = 1 asks for the statistics outputs of a training graph.
        node.IntOneOf("training_mode", 0, 0);
        // opset 6-8 graphs may carry spatial = 1, the only meaning opset 9+ keeps.
        if (node.Has("spatial")) node.IntOneOf("spatial", 1, 1);
        node.RequireAllAttributesRead();
    }

    public override bool IsWeight(int input) => input is 1 or 2;

    public override bool IsRunningState(int input) => input is 3 or 4;

    public override Tensor Run(IReadOnlyList<Tensor?> inputs) =>
        nn.functional.batch_norm(Required(inputs, 0), Required(inputs, 3), Required(inputs, 4), Required(inputs, 1), Required(inputs, 2),
            Training, 1 - momentum, epsilon);
}
