using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>Table VI: unpairing the 8-bit model works when fine-tuned last; first costs accuracy, and QAT collapses it.</summary>
public abstract class Table06_UnpairingQuantizationClaims(string profile) : ClaimFixture<Paper.Table06_UnpairingQuantization>(profile)
{
    [Test] public void FinetuneLast_ReducesVulnerability() => Holds(Table06Claims.FinetuneLast_ReducesVulnerability);
    [Test] public void FinetuneLast_BeatsFinetuneFirst() => Holds(Table06Claims.FinetuneLast_BeatsFinetuneFirst);
    [Test] public void FinetuneLast_KeepsAccuracy() => Holds(Table06Claims.FinetuneLast_KeepsAccuracy);
    [Test] public void FinetuneFirst_LosesAccuracy() => Holds(Table06Claims.FinetuneFirst_LosesAccuracy);
    [Test] public void Qat_CollapsesAccuracy() => Holds(Table06Claims.Qat_CollapsesAccuracy);
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

[TestFixture, Category("Cpu")]
public sealed class Table06_UnpairingQuantization_Mini() : Table06_UnpairingQuantizationClaims("mini");

[TestFixture, Category("CpuFull"), Explicit(FullGrid.Reason)]
public sealed class Table06_UnpairingQuantization_MiniFull() : Table06_UnpairingQuantizationClaims("mini-full");

[TestFixture, Category("Gpu")]
public sealed class Table06_UnpairingQuantization_Paper() : Table06_UnpairingQuantizationClaims("paper");
