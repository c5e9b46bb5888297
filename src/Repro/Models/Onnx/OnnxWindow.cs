using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Onnx;

/// <summary>
/// The sliding window of Conv, MaxPool and AveragePool over the two spatial axes: strides, dilations and the padding,
/// explicit (pads, possibly asymmetric, as TFLite converters write "SAME") or automatic (auto_pad). PyTorch's
/// kernels pad symmetrically, so asymmetric padding is applied as an explicit pad first.
/// </summary>
public sealed class OnnxWindow
{
    readonly long[] pads;
    readonly string autoPad;

    public OnnxWindow(OnnxNode node, bool kernelRequired)
    {
        autoPad = node.StringOneOf("auto_pad", "NOTSET", "NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER");
        Kernel = node.Ints("kernel_shape");
        if (Kernel is null && kernelRequired) throw node.Error("is required", "kernel_shape");
        Strides = node.Ints("strides") ?? new long[] { 1, 1 };
        Dilations = node.Ints("dilations") ?? new long[] { 1, 1 };
        pads = node.Ints("pads") ?? new long[4];
        if (Kernel is not null) Require(node, "kernel_shape", Kernel, 2);
        Require(node, "strides", Strides, 2);
        Require(node, "dilations", Dilations, 2);
        Require(node, "pads", pads, 4);
        if (node.Has("pads") && autoPad != "NOTSET") throw node.Error($"cannot be combined with auto_pad = {autoPad}", "pads");
    }

    public long[]? Kernel { get; }
    public long[] Strides { get; }
    public long[] Dilations { get; }

    /// <summary>
    /// [top, left, bottom, right] for an input of spatial size <paramref name="height"/> x <paramref name="width"/>.
    /// </summary>
    public long[] Pads(long height, long width, long[] kernel)
    {
        if (autoPad is "NOTSET") return pads;
        if (autoPad is "VALID") return new long[4];
        var result = new long[4];
        long[] size = { height, width };
        for (int axis = 0; axis < 2; axis++)
        {
            long output = (size[axis] + Strides[axis] - 1) / Strides[axis];
            long extent = (kernel[axis] - 1) * Dilations[axis] + 1;
            long total = Math.Max(0, (output - 1) * Strides[axis] + extent - size[axis]);
            long small = total / 2, large = total - small;
            // SAME_UPPER puts the odd pixel at the end, SAME_LOWER at the beginning.
            (result[axis], result[axis + 2]) = autoPad == "SAME_UPPER" ? (small, large) : (large, small);
        }
        return result;
    }

    /// <summary>
    /// The input with any asymmetric part of the padding applied (filled with <paramref name="fill"/>), and the
    /// symmetric padding [height, width] left for the PyTorch kernel.
    /// </summary>
    public (Tensor Input, long[] Padding) Apply(Tensor x, long[] kernel, double fill)
    {
        var p = Pads(x.shape[2], x.shape[3], kernel);
        if (p[0] == p[2] && p[1] == p[3]) return (x, new[] { p[0], p[1] });
        return (nn.functional.pad(x, new[] { p[1], p[3], p[0], p[2] }, PaddingModes.Constant, fill), new long[2]);
    }

    static void Require(OnnxNode node, string name, long[] values, int length)
    {
        if (values.Length != length)
            throw node.Error($"has {values.Length} values; the importer implements 2-D windows over [N, C, H, W] inputs ({length} values)", name);
        if (values.Any(v => v < 0)) throw node.Error($"= [{string.Join(", ", values)}] has a negative value", name);
    }
}
