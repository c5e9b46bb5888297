using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Data;

/// <summary>
/// Builds an [N, 3, H, W] float32 tensor image by image: each image is written as floats into a staging buffer
/// of at most <see cref="ChunkImages"/> images, which is copied into the preallocated tensor in one call.
/// No per-pixel tensor operations, and the memory peak is the tensor plus one small buffer.
/// </summary>
internal static class ImageTensorFiller
{
    private const int ChunkImages = 1024;

    /// <summary>byte / 255 for every byte value: one table look-up instead of a division per pixel.</summary>
    internal static readonly float[] UnitScale = [.. Enumerable.Range(0, 256).Select(v => v / 255f)];

    /// <param name="writeImage">Writes image i (0-based) as planar [3, H, W] floats into the span it is given.</param>
    internal static Tensor Create(int count, int height, int width, Action<int, Span<float>> writeImage)
    {
        int pixels = 3 * height * width;
        Tensor images = empty(count, 3, height, width, dtype: ScalarType.Float32);
        try
        {
            float[] staging = [];
            for (int start = 0; start < count; start += ChunkImages)
            {
                int chunk = Math.Min(ChunkImages, count - start);
                if (staging.Length != chunk * pixels) staging = new float[chunk * pixels];
                for (int i = 0; i < chunk; i++)
                    writeImage(start + i, staging.AsSpan(i * pixels, pixels));
                using Tensor part = torch.tensor(staging, [chunk, 3, height, width]);
                using Tensor rows = images.narrow(0, start, chunk);
                rows.copy_(part);
            }
            return images;
        }
        catch
        {
            images.Dispose();
            throw;
        }
    }
}
