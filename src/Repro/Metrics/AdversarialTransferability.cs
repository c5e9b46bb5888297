using System.Globalization;
using Repro.Attacks;
using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Metrics;

/// <summary>
/// The adversarial transferability α1 of Liang et al. (ICML 2021, "Uncovering the connections between adversarial
/// transferability and knowledge transferability"; the paper's reference [66], Appendix C), from source f_S to target f_T:
/// α1(x) = ‖f_T(x + δ_S(x)) − f_T(x)‖₂ / ‖f_T(x + δ_T(x)) − f_T(x)‖₂ and α1 = E_x[α1(x)]: how far the source's
/// perturbation moves the target's output, relative to the target's own perturbation of the same attack.
/// 1 for identical models; near 0 when the source's examples barely move the target. f is the logits.
/// </summary>
public static class AdversarialTransferability
{
    /// <summary>Per sample, ‖f(perturbed) − f(clean)‖₂ of <paramref name="target"/>'s logits (evaluation mode, no_grad, batches).</summary>
    public static double[] OutputDeviations(Classifier target, Tensor clean, Tensor perturbed, int batchSize = 250)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be >= 1");
        if (clean.dim() < 1 || !clean.shape.SequenceEqual(perturbed.shape))
            throw new ArgumentException($"output deviations need clean and perturbed images of one shape, got [{string.Join(", ", clean.shape)}] and [{string.Join(", ", perturbed.shape)}]");
        long count = clean.shape[0];
        if (count == 0) throw new ArgumentException("output deviations of an empty set are undefined");
        using var mode = EvaluationModeScope.Enter(target);
        using var noGrad = no_grad();
        var deviations = new double[count];
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(batchSize, count - start);
            var before = target.forward(clean.narrow(0, start, length));
            var after = target.forward(perturbed.narrow(0, start, length));
            FiniteOutputs.Require(before, target, $"on clean images {start}..{start + length - 1} of {count} (output deviation)");
            FiniteOutputs.Require(after, target, $"on perturbed images {start}..{start + length - 1} of {count} (output deviation)");
            // In double precision: a deviation is a difference of nearby logits.
            var difference = after.to_type(ScalarType.Float64) - before.to_type(ScalarType.Float64);
            var norms = difference.pow(2).sum(1).sqrt().cpu().data<double>().ToArray();
            Array.Copy(norms, 0, deviations, start, length);
        }
        return deviations;
    }

    /// <summary>
    /// α1 from the per-sample deviations of the target under the source's examples and under its own. A sample whose own
    /// attack leaves the target's output unmoved has no α1(x); it is left out of the mean and counted.
    /// </summary>
    public static TransferabilityEstimate Alpha1(IReadOnlyList<double> underSourceExamples, IReadOnlyList<double> underOwnExamples)
    {
        if (underSourceExamples.Count != underOwnExamples.Count)
            throw new ArgumentException($"α1 needs one deviation per sample from each attack, got {underSourceExamples.Count} (source) and {underOwnExamples.Count} (target's own)");
        if (underSourceExamples.Count == 0) throw new ArgumentException("α1 of an empty set is undefined");
        for (int i = 0; i < underSourceExamples.Count; i++)
            if (!double.IsFinite(underSourceExamples[i]) || !double.IsFinite(underOwnExamples[i]) || underSourceExamples[i] < 0 || underOwnExamples[i] < 0)
                throw new ArgumentException($"α1: sample {i} has deviations {F(underSourceExamples[i])} (source) and {F(underOwnExamples[i])} (own); a deviation is a finite norm >= 0");
        var ratios = Enumerable.Range(0, underOwnExamples.Count).Where(i => underOwnExamples[i] > 0)
            .Select(i => underSourceExamples[i] / underOwnExamples[i]).ToList();
        int undefined = underOwnExamples.Count - ratios.Count;
        if (ratios.Count == 0)
            throw new ArithmeticException(
                $"α1 is undefined: on all {underOwnExamples.Count} samples the target's own attack left its logits unchanged (deviation 0), " +
                "so there is no deviation to compare the source's examples with. Check that the target's examples were crafted on the target and that the attack moved the images.");
        return new TransferabilityEstimate(ratios.Average(), ratios.Count, undefined);
    }

    /// <summary>α1 of <paramref name="target"/> for examples crafted on the source and on the target itself, from the same clean images.</summary>
    public static TransferabilityEstimate Alpha1(Classifier target, Tensor clean, Tensor fromSource, Tensor fromTarget, int batchSize = 250) =>
        Alpha1(OutputDeviations(target, clean, fromSource, batchSize), OutputDeviations(target, clean, fromTarget, batchSize));

    static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
