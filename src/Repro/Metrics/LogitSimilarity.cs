using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Metrics;

/// <summary>Output similarity C_s^o of Appendix D: mean cosine of the two models' logits.</summary>
public sealed class LogitSimilarity : ModelSimilarity
{

    public static LogitSimilarity Instance { get; } = new();

    public override Metric Metric => Metric.SimilarityLogits;

    public override string? NotComparableReason(Classifier server, Classifier device) =>
        server.Classes == device.Classes ? null
            : $"logits are not comparable: f_s has {server.Classes} classes, f_o {device.Classes}";

    protected override Tensor PerSample(Classifier server, Classifier device, Tensor images, Tensor labels)
    {
        using var noGrad = no_grad();
        using var s = server.forward(images);
        using var d = device.forward(images);
        return PerSampleCosine.Of(s, d);
    }
}
