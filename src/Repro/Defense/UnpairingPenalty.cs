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

    /// <summary>Table III's block: the logits, the input-gradients or the penultimate activations.</summary>
    public abstract PenaltyLocation Location { get; }

    /// <summary>The location's canonical name: "output", "input" or "feature".</summary>
    public string Kind => Location.Name();

    /// <summary>Whether the term needs f''s input-gradient (and so double backprop).</summary>
    public virtual bool NeedsInputGradient => false;

    /// <summary>Throws when f and f' cannot be compared at this location (e.g. different feature widths).</summary>
    public virtual void RequireComparable(Classifier original, Classifier trained) { }

    /// <summary>Mean over the batch of cos(f, f') at this location; differentiable in f''s parameters, f is constant.</summary>
    public abstract Tensor MeanCosine(Classifier original, TrainedForward trained);

    /// <summary>Canonical text for recipe hashes, e.g. "input=1".</summary>
    public string Describe() => $"{Name}={Recipes.CanonicalText.Number(Lambda)}";

    /// <summary>The term's name in <see cref="Describe"/>: its location, unless a variant of the term says otherwise.</summary>
    protected virtual string Name => Kind;

    public override string ToString() => Describe();

    /// <summary>The penalty at <paramref name="location"/> with weight <paramref name="lambda"/>.</summary>
    public static UnpairingPenalty Create(PenaltyLocation location, double lambda) => location switch
    {
        PenaltyLocation.Output => new LogitPenalty(lambda),
        PenaltyLocation.Input => new InputGradientPenalty(lambda),
        PenaltyLocation.Feature => new PenultimatePenalty(lambda),
        _ => throw new ArgumentOutOfRangeException(nameof(location), location, "not a penalty location"),
    };
}
