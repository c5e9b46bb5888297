namespace Repro.Attacks;

/// <summary>
/// RayS (Chen and Gu, KDD 2020) at the project's l-inf radius. The budget is the oracle's, like P-RGF's.
/// </summary>
public sealed record RaySearchSettings
{
    /// <summary>The l-inf radius a success must stay within (§IV-A: 8/255).</summary>
    public double Epsilon { get; init; } = 8.0 / 255;

    /// <summary>
    /// Binary-search tolerance in RayS's unit (the l2 length along the unit sign vector; the reference: 1e-3). The l-inf
    /// tolerance is this over sqrt(C·H·W).
    /// </summary>
    public double Tolerance { get; init; } = 1e-3;
}
