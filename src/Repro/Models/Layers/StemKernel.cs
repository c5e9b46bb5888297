namespace Repro.Models.Layers;

/// <summary>
/// The kernel of a network's first convolution for a given stride: 3x3 up to stride 2, and stride + 1
/// beyond, so that neighbouring windows overlap and every input pixel reaches some output. A 3x3 kernel
/// at stride 4 would never look at almost half the pixels, giving them zero input-gradient, which would
/// blind white-box attacks crafted on that model to those pixels.
/// </summary>
public static class StemKernel
{
    public static int For(int stride)
    {
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "a stem stride must be at least 1");
        return stride <= 2 ? 3 : stride + 1;
    }
}
