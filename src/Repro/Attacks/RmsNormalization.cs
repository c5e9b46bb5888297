using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// r(z) = z / sqrt(mean(z^2)) per row: the P-RGF reference's convention for every direction, so that
/// ||r(z)||_2 = sqrt(D) (thu-ml/Prior-Guided-RGF issue #1; PAPER-NOTES §3.2).
/// </summary>
internal static class RmsNormalization
{
    /// <summary>Each row (dimension 0) of <paramref name="z"/> scaled to RMS 1; all-zero rows stay zero.</summary>
    public static Tensor Rows(Tensor z)
    {
        using var scope = NewDisposeScope();
        var flat = z.flatten(1);
        // Disposed here: TorchSharp frees an implicitly converted Scalar only in its finalizer, and pending ones fragment the native heap.
        using Scalar smallest = float.Epsilon;
        // Divide by the row's peak first: the RMS of a tiny float32 gradient (a confident prior's) would
        // underflow, where the reference's 1e-12 floor would leave it unnormalised. Same result otherwise.
        var peak = flat.abs().amax(new long[] { 1 }, keepdim: true).clamp_min_(smallest);
        var scaled = flat / peak;
        var rms = scaled.square().mean(new long[] { 1 }, keepdim: true).sqrt_().clamp_min_(smallest);
        return (scaled / rms).view(z.shape).MoveToOuterDisposeScope();
    }
}
