using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>Table IV: both penalties together reduce the vulnerability, little beyond the input-gradient penalty alone.</summary>
public abstract class Table04_UnpairingCombinedClaims(string profile) : ClaimFixture<Paper.Table04_UnpairingCombined>(profile)
{
    [Test] public void BothPenalties_ReduceVulnerability() => Holds(Table04Claims.BothPenalties_ReduceVulnerability);
    [Test] public void Combining_AddsLittleOverInputGradientAlone() => Holds(Table04Claims.Combining_AddsLittleOverInputGradientAlone);
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

/// <summary>The claims that need the whole (λ1, λ2) grid (profiles mini-full and paper).</summary>
public abstract class Table04_UnpairingCombinedFullGridClaims(string profile) : Table04_UnpairingCombinedClaims(profile)
{
    [Test] public void InputGradientTerm_DrivesTheReduction() => Holds(Table04Claims.InputGradientTerm_DrivesTheReduction);
}

[TestFixture, Category("Cpu")]
public sealed class Table04_UnpairingCombined_Mini() : Table04_UnpairingCombinedClaims("mini");

[TestFixture, Category("CpuFull"), Explicit(FullGrid.Reason)]
public sealed class Table04_UnpairingCombined_MiniFull() : Table04_UnpairingCombinedFullGridClaims("mini-full");

[TestFixture, Category("Gpu")]
public sealed class Table04_UnpairingCombined_Paper() : Table04_UnpairingCombinedFullGridClaims("paper");
