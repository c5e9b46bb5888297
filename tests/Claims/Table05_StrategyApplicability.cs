using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>Table V: which unpairing strategy applies to which mechanism (facts, the same at every profile).</summary>
public abstract class Table05_StrategyApplicabilityClaims(string profile) : ClaimFixture<Paper.Table05_StrategyApplicability>(profile)
{
    [Test] public void FinetuneLast_AlwaysApplies() => Holds(Table05Claims.FinetuneLast_AlwaysApplies);
    [Test] public void FinetuneFirst_NeedsAPretrainedServer() => Holds(Table05Claims.FinetuneFirst_NeedsAPretrainedServer);
    [Test] public void Jointly_NeedsAnOptimisationProcess() => Holds(Table05Claims.Jointly_NeedsAnOptimisationProcess);
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

[TestFixture, Category("Cpu")]
public sealed class Table05_StrategyApplicability_Mini() : Table05_StrategyApplicabilityClaims("mini");

[TestFixture, Category("CpuFull"), Explicit(FullGrid.Reason)]
public sealed class Table05_StrategyApplicability_MiniFull() : Table05_StrategyApplicabilityClaims("mini-full");

[TestFixture, Category("Gpu")]
public sealed class Table05_StrategyApplicability_Paper() : Table05_StrategyApplicabilityClaims("paper");
