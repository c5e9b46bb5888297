using static TorchSharp.torch;

namespace Repro.Data;

/// <summary>
/// The channels-last layout of an image batch [N, C, H, W]: the same shape and values with NHWC strides, what PyTorch's
/// <c>x.contiguous(memory_format=torch.channels_last)</c> makes. TorchSharp 0.107 declares the memory_format enum but
/// has no contiguous(memory_format), to(memory_format) or Module.to(memory_format); a permute to NHWC, a copy and the
/// inverse permute give exactly those strides, and libtorch's convolutions read the layout from the strides.
/// </summary>
public static class ChannelsLast
{
    /// <summary>A channels-last copy of <paramref name="images"/> [N, C, H, W].</summary>
    public static Tensor Copy(Tensor images)
    {
        if (images.dim() != 4) throw new ArgumentException($"images must be [N, C, H, W], got [{string.Join(", ", images.shape)}]", nameof(images));
        using var view = images.permute(0, 2, 3, 1);
        using var nhwc = view.contiguous();
        return nhwc.permute(0, 3, 1, 2);
    }

    /// <summary>Whether [N, C, H, W] <paramref name="images"/> is laid out channels-last (strides H·W·C, 1, W·C, C).</summary>
    public static bool Is(Tensor images)
    {
        if (images.dim() != 4) return false;
        long c = images.shape[1], h = images.shape[2], w = images.shape[3];
        var strides = images.stride();
        return strides[1] == 1 && strides[3] == c && strides[2] == w * c && strides[0] == h * w * c;
    }
}
