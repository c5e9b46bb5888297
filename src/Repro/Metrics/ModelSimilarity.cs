using Repro.Attacks;
using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Metrics;

/// <summary>
/// The bookkeeping of Appendix D's similarity metrics: both models in evaluation mode, the samples in
/// batches (each in its own dispose scope), the mean of the per-sample cosines, and a refusal to turn an
/// incomparable pair into a number. A leaf says only what it compares (<see cref="PerSample"/>).
/// </summary>
public abstract class ModelSimilarity
{
    /// <summary>Appendix D's three metrics, in the paper's order: output, input-gradients, activations.</summary>
    public static IReadOnlyList<ModelSimilarity> All => new ModelSimilarity[] { LogitSimilarity.Instance, InputGradientSimilarity.Instance, PenultimateSimilarity.Instance };

    /// <summary>The metric this similarity reports (<see cref="Metrics.Metric.SimilarityLogits"/>, ...).</summary>
    public abstract Metric Metric { get; }

    /// <summary>The metric key results carry ("similarity_logits", ...).</summary>
    public string Key => Metric.Key;

    /// <summary>Why the two models' vectors cannot be compared, or null when they can.</summary>
    public virtual string? NotComparableReason(Classifier server, Classifier device) => null;

    /// <summary>[N] cosines for one batch; both models are already in evaluation mode.</summary>
    protected abstract Tensor PerSample(Classifier server, Classifier device, Tensor images, Tensor labels);

    /// <summary>Mean cosine over all <paramref name="images"/> (with their true <paramref name="labels"/>), in batches.</summary>
    // Diagnosis on the failure path only: which model's logits are not finite on the samples.
    static string Culprit(Classifier server, Classifier device, Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var bad = new[] { server, device }.Where(m => !m.forward(images).isfinite().all().item<bool>()).Select(m => m.Architecture.DisplayName).ToList();
        return bad.Count > 0 ? $"{string.Join(" and ", bad)} produced non-finite logits on these samples" : "both models' logits are finite, so a vector they derive (an input-gradient) is not";
    }

    public SimilarityMeasurement Measure(Classifier server, Classifier device, Tensor images, Tensor labels, int batchSize = 250)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be >= 1");
        if (images.dim() != 4 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"{Key}: needs images [N, C, H, W] and N labels, got [{string.Join(", ", images.shape)}] and [{string.Join(", ", labels.shape)}]");
        int count = (int)images.shape[0];
        if (count == 0) throw new ArgumentException($"{Key}: the mean similarity over no samples is undefined");
        if (NotComparableReason(server, device) is { } reason) return SimilarityMeasurement.NotComparable(Key, count, reason);

        using var serverMode = EvaluationModeScope.Enter(server);
        using var deviceMode = EvaluationModeScope.Enter(device);
        double sum = 0;
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(batchSize, count - start);
            var cosines = PerSample(server, device, images.narrow(0, start, length), labels.narrow(0, start, length));
            sum += cosines.to_type(ScalarType.Float64).sum().item<double>();
        }
        double mean = sum / count;
        if (!double.IsFinite(mean))
            throw new ArithmeticException($"{Key}: the mean cosine of {server.Architecture.DisplayName} and {device.Architecture.DisplayName} is {mean}; " + Culprit(server, device, images));
        return new SimilarityMeasurement(Key, mean, count, null);
    }
}
