using Repro.Models;
using Repro.Models.Layers;
using Repro.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Defense;

/// <summary>
/// Table VI's jointly-finetune strategy, the paper's quantization-aware training (§VI-B):
/// L(f_s, x, y) = L_xe(f_s(x), y) + α · L_ours(f_o(x), y), where f_o is the 8-bit view of the very weights
/// being trained (the same layers switched to simulated int8, straight-through gradients) and L_ours is the
/// similarity-unpairing objective against the frozen original server. The model must come calibrated in
/// 8-bit mode; it is left in 8-bit mode after every step (it is the on-device model).
/// </summary>
public sealed class QuantizationAwareUnpairing : ITrainingObjective
{
    readonly SimilarityUnpairing onDevice;

    public QuantizationAwareUnpairing(SimilarityUnpairing onDevice, double alpha)
    {
        if (!double.IsFinite(alpha) || alpha < 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Unpairing.QatAlpha must be a finite number >= 0, got {alpha}");
        this.onDevice = onDevice;
        Alpha = alpha;
    }

    /// <summary>α: weight of the 8-bit model's unpairing loss ("We set α to 1.0").</summary>
    public double Alpha { get; }

    public Tensor Loss(Classifier model, Tensor images, Tensor labels)
    {
        var layers = model.QuantizableLayers().ToList();
        if (layers.Count == 0 || layers.Any(l => l.Mode != QuantizationMode.Int8))
            throw new InvalidOperationException($"quantization-aware unpairing needs a calibrated 8-bit {model.Architecture.DisplayName}; quantize it first (Int8Quantization.Derive)");
        using var scope = NewDisposeScope();
        Tensor fullPrecision;
        try
        {
            foreach (var layer in layers) layer.Mode = QuantizationMode.Float;
            fullPrecision = nn.functional.cross_entropy(model.forward(images), labels);
        }
        finally
        {
            foreach (var layer in layers) layer.Mode = QuantizationMode.Int8;
        }
        var eightBit = onDevice.Loss(model, images, labels);
        return (fullPrecision + Alpha * eightBit).MoveToOuterDisposeScope();
    }

    public string Describe() => DescribeFor(Alpha, onDevice.Describe());

    /// <summary>Canonical text for recipe hashes, e.g. "qat(alpha=1;ce+unpair(input=1))".</summary>
    public static string DescribeFor(double alpha, string onDeviceObjective) => $"qat(alpha={Recipes.CanonicalText.Number(alpha)};{onDeviceObjective})";
}
