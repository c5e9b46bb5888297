using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Defense;

/// <summary>
/// One term λ_i · E_batch[C_s^i(x, y, f, f')] of the similarity-unpairing objective (§V-B): the mean
/// per-sample cosine between the frozen original model f and the model being trained f', at one of the
/// three locations of §V-A. Minimising it pushes f''s vectors away from f's (towards cosine -1).
/// </summary>
public abstract class UnpairingPenalty
{
    protected UnpairingPenalty(double lambda)
    {
        if (!double.IsFinite(lambda) || lambda < 0)
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"the {GetType().Name} weight λ must be a finite number >= 0, got {lambda}");
        Lambda = lambda;
    }

    /// <summary>λ_i: the weight of this term in the loss.</summary>
    public double Lambda { get; }

    /// <summary>Table III's block: "output" (logits), "input" (input-gradients) or "feature" (penultimate activations).</summary>
    public abstract string Kind { get; }

    /// <summary>Whether the term needs f''s input-gradient (and so double backprop).</summary>
    public virtual bool NeedsInputGradient => false;

    /// <summary>Throws when f and f' cannot be compared at this location (e.g. different feature widths).</summary>
    public virtual void RequireComparable(Classifier original, Classifier trained) { }

    /// <summary>Mean over the batch of cos(f, f') at this location; differentiable in f''s parameters, f is constant.</summary>
    public abstract Tensor MeanCosine(Classifier original, TrainedForward trained);

    /// <summary>Canonical text for recipe hashes, e.g. "input=1".</summary>
    public string Describe() => $"{Kind}={Recipes.CanonicalText.Number(Lambda)}";

    public override string ToString() => Describe();

    /// <summary>The kinds, in Table III's order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = new[] { "output", "input", "feature" };

    /// <summary>The penalty of a kind ("output", "input", "feature") with weight <paramref name="lambda"/>.</summary>
    public static UnpairingPenalty Create(string kind, double lambda) => kind switch
    {
        "output" => new LogitPenalty(lambda),
        "input" => new InputGradientPenalty(lambda),
        "feature" => new PenultimatePenalty(lambda),
        _ => throw new ArgumentException($"unknown unpairing penalty '{kind}'; expected one of {string.Join(", ", Kinds)}"),
    };
}
