using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>Table VIII: unpairing a distilled student last reduces the vulnerability; joint distillation keeps its accuracy.</summary>
public abstract class Table08_UnpairingDistillationClaims(string profile) : ClaimFixture<Paper.Table08_UnpairingDistillation>(profile)
{
    [Test] public void ResNet18_FinetuneLast_ReducesVulnerability() => Holds(Table08Claims.ResNet18_FinetuneLast_ReducesVulnerability);
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

/// <summary>The claims that need every student and strategy (profiles mini-full and paper).</summary>
public abstract class Table08_UnpairingDistillationFullGridClaims(string profile) : Table08_UnpairingDistillationClaims(profile)
{
    [Test] public void Jointly_PreservesStudentAccuracy() => Holds(Table08Claims.Jointly_PreservesStudentAccuracy);
}

[TestFixture, Category("Cpu")]
public sealed class Table08_UnpairingDistillation_Mini() : Table08_UnpairingDistillationClaims("mini");

[TestFixture, Category("CpuFull"), Explicit(FullGrid.Reason)]
public sealed class Table08_UnpairingDistillation_MiniFull() : Table08_UnpairingDistillationFullGridClaims("mini-full");

[TestFixture, Category("Gpu")]
public sealed class Table08_UnpairingDistillation_Paper() : Table08_UnpairingDistillationFullGridClaims("paper");
