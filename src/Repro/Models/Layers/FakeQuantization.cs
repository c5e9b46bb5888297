using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Layers;

/// <summary>
/// Quantize-then-dequantize with a straight-through estimator: the forward value is exactly what
/// integer arithmetic on the 8-bit codes produces (up to the float32 accumulation order), and the
/// backward pass lets gradients through inside the representable range, so white-box attacks and
/// quantization-aware training run on the 8-bit model (§IV-A "Quantization"; Table VI "jointly").
/// </summary>
public static class FakeQuantization
{
    /// <summary>Asymmetric per-tensor uint8 parameters covering [min, max] (always including 0, as int8 kernels require).</summary>
    public static (float Scale, long ZeroPoint) ActivationParameters(float min, float max)
    {
        if (float.IsNaN(min) || float.IsNaN(max)) throw new ArgumentException("activation range is NaN: calibration saw a NaN activation");
        min = Math.Min(min, 0f);
        max = Math.Max(max, 0f);
        float scale = (max - min) / 255f;
        if (scale <= 0f) scale = 1e-8f;
        long zeroPoint = (long)Math.Clamp(Math.Round(-min / scale), 0, 255);
        return (scale, zeroPoint);
    }

    /// <summary>uint8 affine fake-quantization of activations with gradient 1 inside the range, 0 outside.</summary>
    public static Tensor Activations(Tensor x, float scale, long zeroPoint)
    {
        float lo = (0 - zeroPoint) * scale, hi = (255 - zeroPoint) * scale;
        using var scope = NewDisposeScope();
        // Disposed here: TorchSharp frees an implicitly converted Scalar only in its finalizer, and pending ones fragment the native heap.
        using Scalar low = lo, high = hi, step = scale, zero = zeroPoint, codeMin = 0, codeMax = 255;
        var clamped = x.clamp(low, high);
        Tensor delta;
        using (no_grad())
            delta = (clamped / step).round_().add_(zero).clamp_(codeMin, codeMax).sub_(zero).mul_(step).sub_(clamped);
        return (clamped + delta).MoveToOuterDisposeScope();
    }

    /// <summary>Symmetric per-output-channel int8 fake-quantization of weights (codes in [-127, 127]).</summary>
    public static Tensor WeightsPerChannel(Tensor weight)
    {
        using var scope = NewDisposeScope();
        Tensor dequantized;
        using (no_grad())
        {
            // Disposed here: TorchSharp frees an implicitly converted Scalar only in its finalizer, and pending ones fragment the native heap.
            using Scalar codeMax = 127f, floor = 1e-12f, lowest = -127, highest = 127;
            var flat = weight.detach().reshape(weight.shape[0], -1);
            var scale = flat.abs().amax(new long[] { 1 }, keepdim: true).div_(codeMax).clamp_min_(floor);
            dequantized = (flat / scale).round_().clamp_(lowest, highest).mul_(scale).reshape(weight.shape);
        }
        return (weight + (dequantized - weight.detach())).MoveToOuterDisposeScope();
    }
}
