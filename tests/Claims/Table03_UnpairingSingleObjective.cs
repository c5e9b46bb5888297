using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>Table III: fine-tuning with the input-gradient penalty unpairs the prior from the server; the activation penalty does not.</summary>
public abstract class Table03_UnpairingSingleObjectiveClaims(string profile) : ClaimFixture<Paper.Table03_UnpairingSingleObjective>(profile)
{
    [Test] public void InputGradientPenalty_ReducesVulnerability() => Holds(Table03Claims.InputGradientPenalty_ReducesVulnerability);
    [Test] public void InputGradientAtLambdaOne_FoolingRateBelow20_AccuracyWithinTwoPoints() => Holds(Table03Claims.InputGradientAtLambdaOne_FoolingRateBelow20_AccuracyWithinTwoPoints);
    [Test] public void OutputPenalty_ReducesVulnerability() => Holds(Table03Claims.OutputPenalty_ReducesVulnerability);
    [Test] public void InputGradientPenalty_MoreEffectiveThanOutput() => Holds(Table03Claims.InputGradientPenalty_MoreEffectiveThanOutput);
    [Test] public void ActivationPenalty_DoesNotReduceVulnerability() => Holds(Table03Claims.ActivationPenalty_DoesNotReduceVulnerability);
    [Test] public void Penalties_PreserveAccuracy() => Holds(Table03Claims.Penalties_PreserveAccuracy);
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

/// <summary>The claims that need the paper's whole λ grid (profiles mini-full and paper).</summary>
public abstract class Table03_UnpairingSingleObjectiveFullGridClaims(string profile) : Table03_UnpairingSingleObjectiveClaims(profile)
{
    [Test] public void SmallLambdas_BarelyChangeVulnerability() => Holds(Table03Claims.SmallLambdas_BarelyChangeVulnerability);
}

[TestFixture, Category("Cpu")]
public sealed class Table03_UnpairingSingleObjective_Mini() : Table03_UnpairingSingleObjectiveClaims("mini");

[TestFixture, Category("CpuFull"), Explicit(FullGrid.Reason)]
public sealed class Table03_UnpairingSingleObjective_MiniFull() : Table03_UnpairingSingleObjectiveFullGridClaims("mini-full");

[TestFixture, Category("Gpu")]
public sealed class Table03_UnpairingSingleObjective_Paper() : Table03_UnpairingSingleObjectiveFullGridClaims("paper");
