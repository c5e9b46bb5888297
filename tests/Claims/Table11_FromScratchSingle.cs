using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>Table XI: unpairing from scratch; the input-gradient penalty works at little accuracy cost, the others cost accuracy.</summary>
public abstract class Table11_FromScratchSingleClaims(string profile) : ClaimFixture<Paper.Table11_FromScratchSingle>(profile)
{
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

/// <summary>
/// The claims: every one needs a model trained from scratch with λ > 0, which the mini profile leaves to
/// mini-full (its run measures the λ = 0 rows, Table I's "a new", and the fine-tuned reference row).
/// </summary>
public abstract class Table11_FromScratchSingleFullGridClaims(string profile) : Table11_FromScratchSingleClaims(profile)
{
    [Test] public void FromScratch_OutputPenalty_CostsAccuracy() => Holds(Table11Claims.FromScratch_OutputPenalty_CostsAccuracy);
    [Test] public void FromScratch_FeaturePenalty_CostsAccuracy() => Holds(Table11Claims.FromScratch_FeaturePenalty_CostsAccuracy);
    [Test] public void FromScratch_InputGradientPenalty_ReducesVulnerability() => Holds(Table11Claims.FromScratch_InputGradientPenalty_ReducesVulnerability);
    [Test] public void FromScratch_InputGradientPenalty_KeepsAccuracy() => Holds(Table11Claims.FromScratch_InputGradientPenalty_KeepsAccuracy);
    [Test] public void FromScratch_NoBetterThanFinetuning() => Holds(Table11Claims.FromScratch_NoBetterThanFinetuning);
}

[TestFixture, Category("Cpu")]
public sealed class Table11_FromScratchSingle_Mini() : Table11_FromScratchSingleClaims("mini");

[TestFixture, Category("CpuFull"), Explicit(FullGrid.Reason)]
public sealed class Table11_FromScratchSingle_MiniFull() : Table11_FromScratchSingleFullGridClaims("mini-full");

[TestFixture, Category("Gpu")]
public sealed class Table11_FromScratchSingle_Paper() : Table11_FromScratchSingleFullGridClaims("paper");
