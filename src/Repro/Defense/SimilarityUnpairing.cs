using Repro.Models;
using Repro.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Defense;

/// <summary>
/// The similarity-unpairing objective of §V-B,
/// L = L_xe(f'(x), y) + Σ_i λ_i · E_D[C_s^i(x, y, f, f')],
/// with f the original model (frozen, evaluation mode) and f' the model being trained. One term or several
/// (Table IV combines output and input-gradient terms). With every λ_i = 0 it is exactly the task loss: no
/// penalty is computed and <see cref="Describe"/> is the task loss's own text, so such a run shares its
/// recipe (and cache entry) with plain training. The task loss is cross-entropy, or knowledge distillation
/// for the joint distillation strategy (Table VIII "JF": "we add our objective to the distillation loss").
/// </summary>
public sealed class SimilarityUnpairing : ITrainingObjective
{
    readonly Classifier original;
    readonly DistillationLoss? distillation;
    readonly List<UnpairingPenalty> active;

    public SimilarityUnpairing(Classifier original, IEnumerable<UnpairingPenalty> penalties, DistillationLoss? distillation = null)
    {
        Penalties = penalties.ToList();
        foreach (var kind in Penalties.GroupBy(p => p.Kind).Where(g => g.Count() > 1))
            throw new ArgumentException($"the {kind.Key}-level penalty is given {kind.Count()} times; give each location once with its λ");
        this.original = original;
        this.distillation = distillation;
        active = Penalties.Where(p => p.Lambda > 0).ToList();
        original.eval();
    }

    public IReadOnlyList<UnpairingPenalty> Penalties { get; }

    /// <summary>The frozen original model f the penalties compare with.</summary>
    public Classifier Original => original;

    public Tensor Loss(Classifier model, Tensor images, Tensor labels)
    {
        if (ReferenceEquals(model, original))
            throw new ArgumentException("similarity-unpairing trains a copy f' of the original f; the model given is f itself");
        foreach (var penalty in active) penalty.RequireComparable(original, model);
        using var scope = NewDisposeScope();
        var forward = new TrainedForward(model, images, labels, active.Any(p => p.NeedsInputGradient));
        var loss = distillation is null
            ? nn.functional.cross_entropy(forward.Logits, labels)
            : distillation.LossFromLogits(forward.Logits, images, labels);
        foreach (var penalty in active)
        {
            var cosine = penalty.MeanCosine(original, forward);
            float value = cosine.item<float>();
            if (!float.IsFinite(value))
                throw new ArithmeticException(
                    $"the {penalty.Kind}-level unpairing penalty ({penalty.Describe()}) is {value} on this batch " +
                    $"(f = {original.Architecture.DisplayName} {Finiteness(original, images)}, f' = {model.Architecture.DisplayName} {Finiteness(model, images)})");
            loss = loss + penalty.Lambda * cosine;
        }
        return loss.MoveToOuterDisposeScope();
    }

    public string Describe() => DescribeFor(Penalties, distillation?.Describe() ?? "ce");

    // Diagnosis only (the failure path): whether a model's logits on the batch are finite.
    static string Finiteness(Classifier model, Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var mode = Attacks.EvaluationModeScope.Enter(model);
        return model.forward(images.detach()).isfinite().all().item<bool>() ? "gives finite logits" : "gives non-finite logits";
    }

    /// <summary>
    /// Canonical text of the objective for recipe hashes, known before any model is loaded: the task loss's text
    /// (e.g. "ce"), then "+unpair(input=1;output=0.1)" for the terms whose λ is not zero, in the order given.
    /// </summary>
    public static string DescribeFor(IEnumerable<UnpairingPenalty> penalties, string task)
    {
        var terms = penalties.Where(p => p.Lambda > 0).Select(p => p.Describe()).ToList();
        return terms.Count == 0 ? task : $"{task}+unpair({string.Join(";", terms)})";
    }
}
