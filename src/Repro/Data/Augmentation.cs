using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Data;

/// <summary>
/// The standard CIFAR training augmentation: a random crop of the image zero-padded by <paramref name="padding"/>
/// pixels on every side (torchvision's RandomCrop(32, padding=4)), then a horizontal flip with probability 1/2.
/// Offsets and flips are drawn per image from the SplitMix64 stream (seed, epoch, batch), and applied to the
/// whole batch at once with two gathers: no per-pixel or per-image tensor loop.
/// </summary>
public sealed class Augmentation(int seed, int padding = 4, bool horizontalFlip = true)
{
    private const long StreamTag = 0x4155_474D_454E_54; // "AUGMENT"

    public int Seed { get; } = seed;
    public int Padding { get; } = padding >= 0 ? padding : throw new ArgumentOutOfRangeException(nameof(padding), padding, "must be >= 0");
    public bool HorizontalFlip { get; } = horizontalFlip;

    /// <summary>A new augmented copy of <paramref name="images"/> [B, C, H, W]; the input is left untouched.</summary>
    public Tensor Apply(Tensor images, int epoch, int batch)
    {
        if (images.dim() != 4) throw new ArgumentException($"images must be [B, C, H, W], got [{string.Join(", ", images.shape)}]", nameof(images));
        long b = images.shape[0], c = images.shape[1], h = images.shape[2], w = images.shape[3];
        var (top, left, flip) = Draw((int)b, epoch, batch);
        using var scope = NewDisposeScope();
        Device device = images.device;
        Tensor padded = nn.functional.pad(images, [Padding, Padding, Padding, Padding]);

        // Row r of image i comes from padded row top[i] + r; column x from left[i] + x, or left[i] + (w-1-x) when flipped.
        Tensor rows = torch.tensor(top, device: device).unsqueeze(1) + arange(h, device: device).unsqueeze(0);
        Tensor forward = arange(w, device: device).unsqueeze(0);
        Tensor columnOffsets = where(torch.tensor(flip, device: device).unsqueeze(1), (w - 1) - forward, forward);
        Tensor columns = torch.tensor(left, device: device).unsqueeze(1) + columnOffsets;

        Tensor croppedRows = padded.gather(2, rows.view(b, 1, h, 1).expand(b, c, h, w + 2 * Padding));
        Tensor result = croppedRows.gather(3, columns.view(b, 1, 1, w).expand(b, c, h, w));
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Per image: crop offsets in [0, 2 * padding] and whether it is flipped.</summary>
    internal (long[] Top, long[] Left, bool[] Flip) Draw(int count, int epoch, int batch)
    {
        var random = SplitMix64.ForStream(Seed, StreamTag, epoch, batch);
        var top = new long[count];
        var left = new long[count];
        var flip = new bool[count];
        for (int i = 0; i < count; i++)
        {
            top[i] = random.NextInt(2 * Padding + 1);
            left[i] = random.NextInt(2 * Padding + 1);
            flip[i] = HorizontalFlip && random.NextBool();
        }
        return (top, left, flip);
    }
}
