namespace Repro.Attacks;

/// <summary>FGSM and PGD-10, l-inf (§IV-A "Methodology", App. J).</summary>
public sealed record TransferAttackSettings
{
    public double Epsilon { get; init; } = 8.0 / 255;

    /// <summary>PGD step: "fix the step-size to 2/255".</summary>
    public double StepSize { get; init; } = 2.0 / 255;

    /// <summary>FGSM step: App. J writes FGSM as alpha * sign(grad) projected to eps, with alpha the step size (PAPER-NOTES §2.4).</summary>
    public double FgsmStepSize { get; init; } = 2.0 / 255;

    public int PgdSteps { get; init; } = 10;

    /// <summary>Uniform start in the eps-ball; App. J's update starts from v^0 unspecified.</summary>
    public bool PgdRandomStart { get; init; }

    /// <summary>Images per attack batch (memory, not protocol).</summary>
    [Recipes.NotInRecipe]
    public int BatchSize { get; init; } = 250;
}
