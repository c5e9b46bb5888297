using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// The l-inf threat model of §IV-A: every adversarial image lies in [x0 - eps, x0 + eps] ∩ [0, 1].
/// The only place in Repro where pixels are clamped (STYLE.md P3: attacks clamp [0, 1] pixels,
/// never normalised ones).
/// </summary>
public static class LinfBall
{
    /// <summary>
    /// Projects <paramref name="candidate"/> onto the eps-box around <paramref name="origin"/>, then onto
    /// [0, 1] (the reference's order: clip to the box, then to the image range; PAPER-NOTES §3.8).
    /// </summary>
    public static Tensor Project(Tensor candidate, Tensor origin, double epsilon)
    {
        if (!double.IsFinite(epsilon) || epsilon < 0)
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "the l-inf radius must be a finite number >= 0");
        if (!candidate.shape.SequenceEqual(origin.shape))
            throw new ArgumentException(
                $"candidate [{string.Join(", ", candidate.shape)}] and origin [{string.Join(", ", origin.shape)}] must have the same shape");
        using var scope = NewDisposeScope();
        // Disposed here: TorchSharp frees an implicitly converted Scalar only in its finalizer, and pending ones fragment the native heap.
        using Scalar radius = epsilon, zero = 0, one = 1;
        // Bounds clipped to [0, 1] first, so one clamp does both projections (origin is in [0, 1]).
        var lower = (origin - radius).clamp_min_(zero);
        var upper = (origin + radius).clamp_max_(one);
        return candidate.clamp(lower, upper).MoveToOuterDisposeScope();
    }
}
