using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// The input-gradient of the cross-entropy loss, d CE(f(x), y) / dx (App. J's grad_x L): what FGSM and
/// PGD step along and what P-RGF uses as its transfer prior (Cheng et al. 2019, §3.1).
/// </summary>
public static class CrossEntropyInputGradient
{
    /// <summary>
    /// Per-image gradients [N, C, H, W] of <paramref name="model"/>'s cross-entropy at <paramref name="images"/>,
    /// detached. Summed (not averaged) over the batch, so each image's gradient is independent of the batch
    /// it is computed in. Works through straight-through estimators; the model's mode is the caller's.
    /// </summary>
    public static Tensor Of(Classifier model, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var gradMode = enable_grad();
        var x = images.detach().requires_grad_(true);
        var logits = model.forward(x);
        var loss = nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum);
        // Gradient for the input only: parameters get no .grad, whatever their requires_grad.
        var gradient = autograd.grad(new[] { loss }, new[] { x })[0];
        return gradient.detach().MoveToOuterDisposeScope();
    }
}
