using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Metrics;

/// <summary>
/// Activation similarity C_s^a of Appendix D: mean cosine of the penultimate activations
/// (<see cref="Classifier.Features"/>). Only defined when both have the same width (Appendix E: "we cannot
/// compute the similarity loss when latent dimensions are different"); otherwise it gives no number.
/// </summary>
public sealed class PenultimateSimilarity : ModelSimilarity
{

    public static PenultimateSimilarity Instance { get; } = new();

    public override Metric Metric => Metric.SimilarityFeatures;

    public override string? NotComparableReason(Classifier server, Classifier device) =>
        (server.FeaturesUnavailable ?? device.FeaturesUnavailable) is { } unavailable ? unavailable
        : server.FeatureDimension == device.FeatureDimension ? null
            : $"penultimate activations are not comparable: f_s ({server.Architecture.DisplayName}) has {server.FeatureDimension}-dimensional features, " +
              $"f_o ({device.Architecture.DisplayName}) {device.FeatureDimension}-dimensional (Appendix E)";

    protected override Tensor PerSample(Classifier server, Classifier device, Tensor images, Tensor labels)
    {
        using var noGrad = no_grad();
        using var s = server.Features(images);
        using var d = device.Features(images);
        return PerSampleCosine.Of(s, d);
    }
}
