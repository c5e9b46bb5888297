using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>Table VII: unpairing the pruned model, first or last, reduces the vulnerability; last keeps the mask.</summary>
public abstract class Table07_UnpairingPruningClaims(string profile) : ClaimFixture<Paper.Table07_UnpairingPruning>(profile)
{
    [Test] public void FinetuneLast_ReducesVulnerability() => Holds(Table07Claims.FinetuneLast_ReducesVulnerability);
    [Test] public void FinetuneLast_KeepsSparsityAndAccuracy() => Holds(Table07Claims.FinetuneLast_KeepsSparsityAndAccuracy);
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

/// <summary>The claims that need the finetune-first row (profiles mini-full and paper).</summary>
public abstract class Table07_UnpairingPruningFullGridClaims(string profile) : Table07_UnpairingPruningClaims(profile)
{
    [Test] public void FinetuneFirst_ReducesVulnerability() => Holds(Table07Claims.FinetuneFirst_ReducesVulnerability);
    [Test] public void FinetuneFirst_StopsAtALowerSparsity() => Holds(Table07Claims.FinetuneFirst_StopsAtALowerSparsity);
}

[TestFixture, Category("Cpu")]
public sealed class Table07_UnpairingPruning_Mini() : Table07_UnpairingPruningClaims("mini");

[TestFixture, Category("CpuFull"), Explicit(FullGrid.Reason)]
public sealed class Table07_UnpairingPruning_MiniFull() : Table07_UnpairingPruningFullGridClaims("mini-full");

[TestFixture, Category("Gpu")]
public sealed class Table07_UnpairingPruning_Paper() : Table07_UnpairingPruningFullGridClaims("paper");
