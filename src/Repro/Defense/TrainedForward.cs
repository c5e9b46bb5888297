using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Defense;

/// <summary>
/// The model being trained, f', on one batch: one forward (features, then the head) shared by the task
/// loss and every unpairing penalty, and, when a penalty needs it, its cross-entropy input-gradient kept
/// in the graph (create_graph) so that the outer backward differentiates through it (double backprop).
/// Tensors belong to the caller's dispose scope.
/// </summary>
public sealed class TrainedForward
{
    readonly Tensor? inputGradient;
    readonly Tensor? features;

    public TrainedForward(Classifier model, Tensor images, Tensor labels, bool needsInputGradient)
    {
        Model = model;
        Labels = labels;
        Images = needsInputGradient ? images.detach().requires_grad_(true) : images;
        // A loaded file without a features/head split trains through its own forward; only the feature-level penalty needs the split.
        if (model.FeaturesUnavailable is null)
        {
            features = model.Features(Images);
            Logits = model.Head(features);
        }
        else Logits = model.forward(Images);
        // Computed here, in the caller's dispose scope, so that every penalty reads the same live tensor.
        if (needsInputGradient)
        {
            var loss = nn.functional.cross_entropy(Logits, Labels, reduction: nn.Reduction.Sum);
            inputGradient = autograd.grad(new[] { loss }, new[] { Images }, retain_graph: true, create_graph: true)[0];
        }
    }

    public Classifier Model { get; }
    public Tensor Images { get; }
    public Tensor Labels { get; }
    public Tensor Features => features ?? throw new NotSupportedException(Model.FeaturesUnavailable);
    public Tensor Logits { get; }

    /// <summary>
    /// ∇_x CE(f'(x), y) per image (the loss summed over the batch, so each image's gradient is its own), as a
    /// differentiable function of f''s parameters. TorchSharp's create_graph does not imply retain_graph:
    /// without it the task loss's backward through the same forward fails ("backward through the graph a second time").
    /// </summary>
    public Tensor InputGradient => inputGradient
        ?? throw new InvalidOperationException("this forward was made without an input-gradient; construct it with needsInputGradient: true");
}
