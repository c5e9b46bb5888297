namespace Repro.Models.Foreign;

/// <summary>What a foreign model's forward returns; attacks and the query oracle need logits, so the others are mapped to them.</summary>
public enum ModelOutputKind
{
    /// <summary>Unnormalised scores (what torchvision models return).</summary>
    Logits,
    /// <summary>Softmax probabilities: their logarithm is a valid set of logits (softmax(log p) = p).</summary>
    Probabilities,
    /// <summary>log_softmax output: already logits up to a constant per row.</summary>
    LogProbabilities,
}
