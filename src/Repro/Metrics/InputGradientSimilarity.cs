using Repro.Attacks;
using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Metrics;

/// <summary>
/// Input-gradient similarity C_s^i of Appendix D: mean cosine of ∇_x CE(f_s(x), y) and ∇_x CE(f_o(x), y),
/// the directions transfer attacks and P-RGF's prior follow. Works on 8-bit models too: their
/// straight-through estimators give gradients.
/// </summary>
public sealed class InputGradientSimilarity : ModelSimilarity
{

    public static InputGradientSimilarity Instance { get; } = new();

    public override Metric Metric => Metric.SimilarityGradients;

    public override string? NotComparableReason(Classifier server, Classifier device) =>
        server.Input.Equals(device.Input) && server.Classes == device.Classes ? null
            : $"input-gradients are not comparable: f_s takes {server.Input.Describe()} with {server.Classes} classes, f_o {device.Input.Describe()} with {device.Classes}";

    protected override Tensor PerSample(Classifier server, Classifier device, Tensor images, Tensor labels)
    {
        using var s = CrossEntropyInputGradient.Of(server, images, labels);
        using var d = CrossEntropyInputGradient.Of(device, images, labels);
        return PerSampleCosine.Of(s, d);
    }
}
