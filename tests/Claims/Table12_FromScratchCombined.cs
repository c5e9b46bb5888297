using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>
/// Table XII: both penalties from scratch. Every pair trains from scratch with double backprop, so the mini
/// profile runs none (only the λ = 0 reference row, Table I's "a new"): its claims run at mini-full and paper.
/// </summary>
public abstract class Table12_FromScratchCombinedClaims(string profile) : ClaimFixture<Paper.Table12_FromScratchCombined>(profile)
{
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

/// <summary>The claims that need the (λ1, λ2) grid (profiles mini-full and paper).</summary>
public abstract class Table12_FromScratchCombinedFullGridClaims(string profile) : Table12_FromScratchCombinedClaims(profile)
{
    [Test] public void FromScratch_StrongInputPenalty_ReducesVulnerability() => Holds(Table12Claims.FromScratch_StrongInputPenalty_ReducesVulnerability);
    [Test] public void FromScratch_StrongOutputPenalty_CostsAccuracy() => Holds(Table12Claims.FromScratch_StrongOutputPenalty_CostsAccuracy);
}

[TestFixture, Category("Cpu")]
public sealed class Table12_FromScratchCombined_Mini() : Table12_FromScratchCombinedClaims("mini");

[TestFixture, Category("CpuFull"), Explicit(FullGrid.Reason)]
public sealed class Table12_FromScratchCombined_MiniFull() : Table12_FromScratchCombinedFullGridClaims("mini-full");

[TestFixture, Category("Gpu")]
public sealed class Table12_FromScratchCombined_Paper() : Table12_FromScratchCombinedFullGridClaims("paper");
