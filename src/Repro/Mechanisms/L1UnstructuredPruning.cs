using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Mechanisms;

/// <summary>
/// l1-unstructured magnitude pruning without retraining (§IV-A "Pruning"): raise the sparsity by
/// <see cref="Step"/> from 0 and keep the last model whose accuracy drop stays within
/// <see cref="MaxDrop"/> of the target's. Per layer (each weight tensor loses its smallest-|w| share,
/// as torch's l1_unstructured does) or globally (one threshold over all tensors).
/// </summary>
public sealed class L1UnstructuredPruning : IOnDeviceMechanism
{
    public L1UnstructuredPruning(double step, double maxDrop, string dropUnit, string scope)
    {
        if (step <= 0 || step > 1) throw new ArgumentOutOfRangeException(nameof(step), step, "the sparsity step must be in (0, 1]");
        if (maxDrop < 0) throw new ArgumentOutOfRangeException(nameof(maxDrop), maxDrop, "the accuracy-drop limit cannot be negative");
        if (dropUnit is not ("points" or "relative")) throw new ArgumentException($"Mechanisms.PruningDropUnit must be 'points' or 'relative', got '{dropUnit}'");
        if (scope is not ("layer" or "global")) throw new ArgumentException($"Mechanisms.PruningScope must be 'layer' or 'global', got '{scope}'");
        Step = step;
        MaxDrop = maxDrop;
        DropUnit = dropUnit;
        Scope = scope;
    }

    public double Step { get; }
    public double MaxDrop { get; }
    public string DropUnit { get; }
    public string Scope { get; }
    public string Name => "Pruning";
    public bool RequiresTraining => false;
    public string Describe() => $"l1-unstructured(step={Recipes.CanonicalText.Number(Step)};maxdrop={Recipes.CanonicalText.Number(MaxDrop)}{DropUnit};scope={Scope})";

    /// <summary>One sparsity tried and the accuracy (percent) it gave.</summary>
    public sealed record Trial(double Sparsity, double Accuracy);

    /// <summary>The pruned model, its sparsity and accuracy, and every sparsity tried on the way.</summary>
    public sealed record Outcome(Classifier Model, double Sparsity, double Accuracy, double TargetAccuracy, IReadOnlyList<Trial> Trials);

    /// <param name="accuracy">Accuracy in percent of a model on the held-out images used to decide when to stop.</param>
    public Outcome Derive(Classifier server, Func<Classifier, double> accuracy)
    {
        double target = accuracy(server);
        double allowed = DropUnit == "points" ? MaxDrop : target * MaxDrop / 100;
        var trials = new List<Trial> { new(0, target) };
        Classifier best = ModelCloning.Clone(server);
        double bestSparsity = 0, bestAccuracy = target;
        int steps = (int)Math.Round(1 / Step);
        for (int i = 1; i <= steps; i++)
        {
            double sparsity = Math.Min(1, i * Step);
            var candidate = ModelCloning.Clone(server);
            Prune(candidate, sparsity);
            double acc = accuracy(candidate);
            trials.Add(new Trial(sparsity, acc));
            if (target - acc > allowed)
            {
                candidate.Dispose();
                break;
            }
            best.Dispose();
            (best, bestSparsity, bestAccuracy) = (candidate, sparsity, acc);
        }
        best.eval();
        return new Outcome(best, bestSparsity, bestAccuracy, target, trials);
    }

    /// <summary>Zeroes the smallest-magnitude share <paramref name="sparsity"/> of the prunable weights, in place.</summary>
    public void Prune(Classifier model, double sparsity)
    {
        if (sparsity < 0 || sparsity > 1) throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "sparsity must be in [0, 1]");
        var weights = model.PrunableWeights().Select(w => w.Weight).ToList();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (Scope == "layer")
        {
            foreach (var w in weights) ZeroSmallest(w, w.abs().flatten(), sparsity);
            return;
        }
        var all = cat(weights.Select(w => w.abs().flatten()).ToArray());
        long k = (long)Math.Floor(sparsity * all.numel());
        if (k == 0) return;
        var threshold = all.kthvalue(k, 0, false).values;
        foreach (var w in weights) w.mul_((w.abs() > threshold).to_type(w.dtype));
    }

    static void ZeroSmallest(Tensor weight, Tensor magnitudes, double sparsity)
    {
        long k = (long)Math.Floor(sparsity * magnitudes.numel());
        if (k == 0) return;
        // Exactly k entries go, as l1_unstructured does: ties at the threshold are broken by index.
        var order = magnitudes.argsort();
        var mask = ones_like(magnitudes);
        mask.index_fill_(0, order.narrow(0, 0, k), 0);
        weight.mul_(mask.reshape(weight.shape));
    }

    /// <summary>Fraction of prunable weights that are exactly zero.</summary>
    public static double Sparsity(Classifier model)
    {
        long zeros = 0, total = 0;
        using var noGrad = no_grad();
        foreach (var (_, w) in model.PrunableWeights())
        {
            using var z = w.eq(0).sum();
            zeros += z.item<long>();
            total += w.numel();
        }
        return total == 0 ? 0 : (double)zeros / total;
    }
}
