using static TorchSharp.torch;

namespace Repro.Models.Onnx;

/// <summary>
/// One node made differentiable: built from its <see cref="OnnxNode"/> at import (every attribute checked there),
/// then run on torch tensors, so autograd reaches the model's input and its weights. Inputs the file leaves out
/// arrive as null.
/// </summary>
public abstract class OnnxOperator
{
    protected OnnxOperator(OnnxNode node) => Node = node;

    public OnnxNode Node { get; }

    public abstract Tensor Run(IReadOnlyList<Tensor?> inputs);

    /// <summary>
    /// Whether an initializer in input slot <paramref name="input"/> is a learned weight (trained when the module is
    /// fine-tuned) rather than a fixed constant (normalisation statistics, quantisation scales, shapes).
    /// </summary>
    public virtual bool IsWeight(int input) => false;

    /// <summary>Whether an initializer in this slot is running state updated in training mode (batch-norm statistics).</summary>
    public virtual bool IsRunningState(int input) => false;

    /// <summary>Set by the module: batch normalisation uses batch statistics while training, as PyTorch's does.</summary>
    public bool Training { get; set; }

    protected static Tensor Required(IReadOnlyList<Tensor?> inputs, int index) =>
        inputs[index] ?? throw new InvalidOperationException($"input {index} was checked at import and cannot be missing");

    protected static Tensor? Optional(IReadOnlyList<Tensor?> inputs, int index) => index < inputs.Count ? inputs[index] : null;
}
