namespace Repro.Data;

/// <summary>
/// How a decoded RGB image becomes a [3, H, W] float tensor row: <see cref="Exact"/> (CIFAR: every file must
/// already be H x W) or <see cref="ResizeCenterCrop"/> (the ImageNet evaluation transform).
/// </summary>
public abstract partial record ImageSizing
{
    private protected ImageSizing() { }

    /// <summary>Height of every output image.</summary>
    public abstract int Height { get; }

    /// <summary>Width of every output image.</summary>
    public abstract int Width { get; }

    /// <summary>Floats per output image (3 channels).</summary>
    public int PixelsPerImage => 3 * Height * Width;

    /// <summary>
    /// Writes one interleaved RGB image (bytes, row-major, 3 per pixel) as planar [3, H, W] floats in [0, 1].
    /// </summary>
    /// <param name="name">The file or entry it came from, for errors.</param>
    internal abstract void Write(ReadOnlySpan<byte> rgb, int width, int height, string name, Span<float> destination);
}
