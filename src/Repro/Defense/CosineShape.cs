namespace Repro.Defense;

/// <summary>
/// What the input-gradient penalty minimises of the per-sample cosine c = cos(∇f, ∇f'). The paper's signed c drives c
/// towards -1: anti-aligned gradients, which an attacker who knows the defense undoes by negating the surrogate's gradient.
/// |c| and c² drive it towards 0 (orthogonal gradients), which negation cannot undo.
/// </summary>
public enum CosineShape
{
    /// <summary>c (§V-B, the paper's penalty).</summary>
    Signed,
    /// <summary>|c|.</summary>
    Absolute,
    /// <summary>c².</summary>
    Squared,
}
