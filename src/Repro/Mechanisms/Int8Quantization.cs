using Repro.Models;
using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Mechanisms;

/// <summary>
/// 8-bit post-training quantization of weights and activations, no retraining (§IV-A "Quantization").
/// Activation ranges are calibrated by min/max over calibration images; weights are quantized per
/// output channel after folding batch norm. The result is simulated in float32 with
/// straight-through gradients (see <see cref="FakeQuantization"/>), so it can be attacked white-box.
/// </summary>
public sealed class Int8Quantization : IOnDeviceMechanism
{
    public Int8Quantization(int calibrationImages, int batchSize = 250)
    {
        if (calibrationImages <= 0) throw new ArgumentOutOfRangeException(nameof(calibrationImages), "calibration needs at least one image");
        CalibrationImages = calibrationImages;
        BatchSize = batchSize;
    }

    public int CalibrationImages { get; }
    public int BatchSize { get; }
    public string Name => "Quantization";
    public bool RequiresTraining => false;
    public string Describe() => $"int8(w=per-channel-symmetric;a=per-tensor-affine-minmax;bn=folded;calibration={CalibrationImages})";

    /// <summary>A quantized copy of <paramref name="server"/>, calibrated on the first images of <paramref name="calibration"/>.</summary>
    public Classifier Derive(Classifier server, Tensor calibration)
    {
        long n = Math.Min(CalibrationImages, calibration.shape[0]);
        if (n == 0) throw new ArgumentException("no calibration images were given");
        var model = ModelCloning.Clone(server);
        model.eval();
        var layers = model.QuantizableLayers().ToList();
        if (layers.Count == 0) throw new InvalidOperationException($"{server.Architecture.DisplayName} has no quantizable layers; build it from ConvBn/QuantizableLinear");
        foreach (var layer in layers)
        {
            layer.ResetInputRange();
            layer.Mode = QuantizationMode.Calibrate;
        }
        // Calibrate layer by layer in one pass: later layers see earlier layers' float outputs, as
        // min/max observers do in PyTorch's post-training flow.
        using (no_grad())
            for (long start = 0; start < n; start += BatchSize)
            {
                using var scope = NewDisposeScope();
                model.forward(calibration.narrow(0, start, Math.Min(BatchSize, n - start)));
            }
        foreach (var layer in layers) layer.Mode = QuantizationMode.Int8;
        return model;
    }

    /// <summary>Whether every quantizable layer of the model is in 8-bit mode.</summary>
    public static bool IsQuantized(Classifier model) => model.QuantizableLayers().All(l => l.Mode == QuantizationMode.Int8);
}
