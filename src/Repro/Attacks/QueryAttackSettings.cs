namespace Repro.Attacks;

/// <summary>
/// P-RGF (Cheng et al. 2019) as the paper runs it (§IV-A: l-inf, eps 8/255, step 2/255, 4000 queries)
/// with the reference implementation's other settings (PAPER-NOTES.md §3.8).
/// </summary>
public sealed record QueryAttackSettings
{
    public int QueryBudget { get; init; } = 4000;
    public double Epsilon { get; init; } = 8.0 / 255;
    public double StepSize { get; init; } = 2.0 / 255;

    /// <summary>q: random directions per gradient estimate ("batch-size of ten for querying", PAPER-NOTES §2.5).</summary>
    public int SamplesPerDraw { get; init; } = 10;

    /// <summary>S: probes of the gradient-norm estimate (reference: 10).</summary>
    public int NormProbes { get; init; } = 10;

    /// <summary>Finite-difference step sigma (reference: 1e-4).</summary>
    public double Sigma { get; init; } = 1e-4;

    /// <summary>"optimal" (lambda*, Eq. 12) or a fixed lambda such as "0.5".</summary>
    public string Lambda { get; init; } = "optimal";

    /// <summary>Whether the evaluation of the clean image, which the reference does not count, is charged.</summary>
    public bool ChargeInitialQuery { get; init; }

    /// <summary>Images (all sample states together) per oracle call; memory only.</summary>
    [Recipes.NotInRecipe]
    public int OracleBatchSize { get; init; } = 2000;
}
