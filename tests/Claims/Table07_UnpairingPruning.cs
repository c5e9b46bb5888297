using Repro.Experiments.Claims;

namespace Repro.Claims;

/// <summary>Table VII: unpairing the pruned model, first or last, reduces the vulnerability; last keeps the mask.</summary>
public abstract class Table07_UnpairingPruningClaims(string profile) : ClaimFixture<Experiments.Table07_UnpairingPruning>(profile)
{
    [Test] public void FinetuneLast_ReducesVulnerability() => Holds(Table07Claims.FinetuneLast_ReducesVulnerability);
    [Test] public void FinetuneLast_KeepsSparsityAndAccuracy() => Holds(Table07Claims.FinetuneLast_KeepsSparsityAndAccuracy);
    [Test] public void FinetuneFirst_ReducesVulnerability() => Holds(Table07Claims.FinetuneFirst_ReducesVulnerability);
    [Test] public void FinetuneFirst_StopsAtALowerSparsity() => Holds(Table07Claims.FinetuneFirst_StopsAtALowerSparsity);
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

[TestFixture, Category("Cpu")]
public sealed class Table07_UnpairingPruning_Mini() : Table07_UnpairingPruningClaims("mini");

[TestFixture, Category("CpuFull"), Explicit(FullGrid.Reason)]
public sealed class Table07_UnpairingPruning_MiniFull() : Table07_UnpairingPruningClaims("mini-full");

[TestFixture, Category("Gpu")]
public sealed class Table07_UnpairingPruning_Paper() : Table07_UnpairingPruningClaims("paper");
