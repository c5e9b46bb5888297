using Repro.Attacks;

namespace Repro.Profiles;

/// <summary>
/// Table II's query attack (§IV-C): the cloud model answers its top-1 label only and takes 8-bit images, so the attacker
/// runs a label-only attack (RayS, with the on-device model as its prior) on the query samples. The paper gives neither
/// the budget nor the sample count for it; the defaults are Table I's P-RGF ones (its no-prior row, 3179.6 queries at
/// FR 23%, fits a 4000-query budget: (1 − 0.23) × 4000 = 3080 ≤ 3179.6).
/// </summary>
public sealed record LabelOnlySettings
{
    /// <summary>How many of the query samples (the first of Data.QueryAttackSamples, in draw order) the label-only attack attacks.</summary>
    public int QueryAttackSamples { get; init; } = 1000;

    /// <summary>Charged queries allowed per sample (strict, as Query.BudgetRule).</summary>
    public int QueryBudget { get; init; } = 4000;

    /// <summary>RayS's radius and binary-search tolerance.</summary>
    public RaySearchSettings Search { get; init; } = new();
}
