using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Layers;

/// <summary>
/// Holds a layer's quantization mode and its observed input range as buffers, so that a quantized
/// checkpoint is self-describing (the state dict carries the calibrated ranges and the mode).
/// </summary>
public sealed class InputRangeObserver : nn.Module<Tensor, Tensor>
{
    readonly Tensor range;   // [min, max]
    readonly Tensor mode;    // scalar int64, a QuantizationMode

    public InputRangeObserver() : base(nameof(InputRangeObserver))
    {
        range = tensor(new[] { float.PositiveInfinity, float.NegativeInfinity });
        mode = tensor((long)QuantizationMode.Float);
        register_buffer("range", range);
        register_buffer("mode", mode);
    }

    public QuantizationMode Mode
    {
        get => (QuantizationMode)mode.item<long>();
        set { using (no_grad()) mode.fill_((long)value); }
    }

    public (float Min, float Max) Range
    {
        get { var r = range.data<float>().ToArray(); return (r[0], r[1]); }
    }

    public void Reset()
    {
        using (no_grad())
        {
            range[0] = float.PositiveInfinity;
            range[1] = float.NegativeInfinity;
        }
    }

    /// <summary>Float: identity. Calibrate: records the range, identity. Int8: uint8 fake-quantization.</summary>
    public override Tensor forward(Tensor x)
    {
        switch (Mode)
        {
            case QuantizationMode.Calibrate:
                using (no_grad())
                {
                    var (min, max) = Range;
                    using var lo = x.min();
                    using var hi = x.max();
                    range[0] = Math.Min(min, lo.item<float>());
                    range[1] = Math.Max(max, hi.item<float>());
                }
                return x.alias();
            case QuantizationMode.Int8:
                var (rmin, rmax) = Range;
                if (!(rmin <= rmax))
                    throw new InvalidOperationException("8-bit mode needs a calibrated input range; run calibration batches first");
                var (scale, zeroPoint) = FakeQuantization.ActivationParameters(rmin, rmax);
                return FakeQuantization.Activations(x, scale, zeroPoint);
            default:
                return x.alias();
        }
    }
}
