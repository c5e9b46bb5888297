using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>Table IX and §VI-F: fine-tuning a new architecture or an OFA sub-network last unpairs it from the server.</summary>
public abstract class Table09_UnpairingArchitecturesClaims(string profile) : ClaimFixture<Paper.Table09_UnpairingArchitectures>(profile)
{
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

/// <summary>
/// The claims: every row is a fine-tune of minutes on a CPU, which the mini profile leaves to mini-full
/// (its Table IX run lists each row as not run, with the reason).
/// </summary>
public abstract class Table09_UnpairingArchitecturesFullGridClaims(string profile) : Table09_UnpairingArchitecturesClaims(profile)
{
    [Test] public void Ofa_FinetuneLast_ReducesTransferAndRaisesQueries() => Holds(Table09Claims.Ofa_FinetuneLast_ReducesTransferAndRaisesQueries);
    [Test] public void Ofa_FinetuneLast_KeepsAccuracy() => Holds(Table09Claims.Ofa_FinetuneLast_KeepsAccuracy);
    [Test] public void MobileNetV2_FinetuneLast_ReducesVulnerability() => Holds(Table09Claims.MobileNetV2_FinetuneLast_ReducesVulnerability);
    [Test] public void MobileNetV2_FinetuneLast_KeepsAccuracy() => Holds(Table09Claims.MobileNetV2_FinetuneLast_KeepsAccuracy);
    [Test] public void SqueezeNet_AlreadyFarFromTheServer_ChangesLittle() => Holds(Table09Claims.SqueezeNet_AlreadyFarFromTheServer_ChangesLittle);
}

[TestFixture, Category("Cpu")]
public sealed class Table09_UnpairingArchitectures_Mini() : Table09_UnpairingArchitecturesClaims("mini");

[TestFixture, Category("CpuFull"), Explicit(FullGrid.Reason)]
public sealed class Table09_UnpairingArchitectures_MiniFull() : Table09_UnpairingArchitecturesFullGridClaims("mini-full");

[TestFixture, Category("Gpu")]
public sealed class Table09_UnpairingArchitectures_Paper() : Table09_UnpairingArchitecturesFullGridClaims("paper");
