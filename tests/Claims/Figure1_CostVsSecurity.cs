using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>Figure 1: more training epochs and a larger architectural difference make the on-device model a weaker prior.</summary>
public abstract class Figure1_CostVsSecurityClaims(string profile) : ClaimFixture<Paper.Figure1_CostVsSecurity>(profile)
{
    [Test] public void FineTuning_FgsmTransferFallsWithEpochs() => Holds(Figure1Claims.FineTuning_FgsmTransferFallsWithEpochs);
    [Test] public void FineTuning_PgdStillTransfers() => Holds(Figure1Claims.FineTuning_PgdStillTransfers);
    [Test] public void FineTuning_QueriesRiseWithEpochs() => Holds(Figure1Claims.FineTuning_QueriesRiseWithEpochs);
    [Test] public void ArchitecturalDifference_FgsmTransferFalls() => Holds(Figure1Claims.ArchitecturalDifference_FgsmTransferFalls);
    [Test] public void ArchitecturalDifference_QueriesRise() => Holds(Figure1Claims.ArchitecturalDifference_QueriesRise);
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

[TestFixture, Category("Cpu")]
public sealed class Figure1_CostVsSecurity_Mini() : Figure1_CostVsSecurityClaims("mini");

[TestFixture, Category("Gpu")]
public sealed class Figure1_CostVsSecurity_Paper() : Figure1_CostVsSecurityClaims("paper");

[TestFixture, Category("CpuFull"), Explicit("heavy CPU claim set (OFA sweep): run with dotnet test --filter Category=CpuFull")]
public sealed class Figure1_CostVsSecurity_MiniFull() : Figure1_CostVsSecurityClaims("mini-full");
