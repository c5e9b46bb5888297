using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// Table II's input constraint: the cloud model "only allow[s] using images in the integer format to query" (§IV-C), so a
/// [0, 1] float image is rounded to the nearest 8-bit level before it is sent. Round half to even (torch.round), as
/// numpy's and PyTorch's rounding of a float image to uint8 after scaling by 255.
/// </summary>
public static class EightBitPixels
{
    /// <summary>The 8-bit levels round(255 x) of [0, 1] pixels, as a uint8 tensor of the same shape.</summary>
    public static Tensor ToBytes(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        using Scalar levels = 255, zero = 0;
        return (pixels.to(ScalarType.Float32) * levels).round_().clamp_(zero, levels).to(ScalarType.Byte).MoveToOuterDisposeScope();
    }

    /// <summary>The [0, 1] float32 pixels an 8-bit image stands for: level / 255.</summary>
    public static Tensor FromBytes(Tensor bytes)
    {
        if (bytes.dtype != ScalarType.Byte) throw new ArgumentException($"8-bit pixels must be uint8, got {bytes.dtype}");
        using Scalar levels = 255;
        return bytes.to(ScalarType.Float32).div_(levels);
    }

    /// <summary>[0, 1] pixels rounded to their nearest 8-bit level, still as float32 in [0, 1].</summary>
    public static Tensor Round(Tensor pixels)
    {
        using var bytes = ToBytes(pixels);
        return FromBytes(bytes);
    }
}
