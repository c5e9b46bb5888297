using Repro.Attacks;
using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Metrics;

/// <summary>A(f, S) of §IV-A: the percentage (0..100) of images whose top-1 label is the true label.</summary>
public static class Accuracy
{

    /// <summary>Accuracy in percent of <paramref name="model"/> (evaluation mode, no_grad, batches of <paramref name="batchSize"/>).</summary>
    public static double Of(Classifier model, Tensor images, Tensor labels, int batchSize = 250)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be >= 1");
        if (images.dim() < 1 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"accuracy needs N images and N labels, got images [{string.Join(", ", images.shape)}] and labels [{string.Join(", ", labels.shape)}]");
        long count = images.shape[0];
        if (count == 0) throw new ArgumentException("accuracy of an empty set is undefined");
        using var mode = EvaluationModeScope.Enter(model);
        using var noGrad = no_grad();
        long correct = 0;
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(batchSize, count - start);
            var logits = model.forward(images.narrow(0, start, length));
            FiniteOutputs.Require(logits, model, $"on images {start}..{start + length - 1} of {count} (accuracy)");
            var predicted = logits.argmax(1);
            correct += predicted.eq(labels.narrow(0, start, length).to(predicted.device)).sum().item<long>();
        }
        return 100.0 * correct / count;
    }
}
