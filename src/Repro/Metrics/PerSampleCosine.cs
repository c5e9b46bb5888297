using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Metrics;

/// <summary>
/// cos(a_i, b_i) = a_i · b_i / (‖a_i‖ ‖b_i‖) for each row i of two batches, every dimension after the
/// first flattened (logits, input-gradients, activations alike). Differentiable, so the similarity metrics
/// of Appendix D and the unpairing penalties of §V-B share it. A zero row has cosine 0 (its norm is
/// floored), never NaN.
/// </summary>
public static class PerSampleCosine
{
    /// <summary>Norm floor: far below any float32 gradient norm that carries information, far above 0.</summary>
    public const double NormFloor = 1e-20;

    /// <summary>[N] cosines of the rows of <paramref name="a"/> and <paramref name="b"/> (same shape [N, ...]).</summary>
    public static Tensor Of(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"cosine similarity needs two batches of the same shape, got [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}]");
        if (a.dim() < 2) throw new ArgumentException($"cosine similarity needs [N, ...] batches, got shape [{string.Join(", ", a.shape)}]");
        using var scope = NewDisposeScope();
        var x = a.flatten(1);
        var y = b.flatten(1);
        // Disposed here: TorchSharp frees an implicitly converted Scalar only in its finalizer, and pending ones fragment the native heap.
        using Scalar floor = NormFloor;
        var unitX = x / x.norm(1, keepdim: true).clamp_min(floor);
        var unitY = y / y.norm(1, keepdim: true).clamp_min(floor);
        return (unitX * unitY).sum(1).MoveToOuterDisposeScope();
    }
}
