using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>Table I: quantized and pruned siblings make the server about as easy to attack as the server itself; other mechanisms help the attacker less, OFA sub-networks nearly as much.</summary>
public abstract class Table01_OnDevicePriorsClaims(string profile) : ClaimFixture<Paper.Table01_OnDevicePriors>(profile)
{
    [Test] public void AsIs_TransfersPerfectly() => Holds(Table01Claims.AsIs_TransfersPerfectly);
    [Test] public void AsIs_QueryAttackNeedsAFewQueries() => Holds(Table01Claims.AsIs_QueryAttackNeedsAFewQueries);
    [Test] public void Quantization_TransfersAlmostPerfectly() => Holds(Table01Claims.Quantization_TransfersAlmostPerfectly);
    [Test] public void Pruning_TransfersAlmostPerfectly() => Holds(Table01Claims.Pruning_TransfersAlmostPerfectly);
    [Test] public void Quantization_CutsQueriesByAnOrderOfMagnitude() => Holds(Table01Claims.Quantization_CutsQueriesByAnOrderOfMagnitude);
    [Test] public void Pruning_CutsQueriesByAnOrderOfMagnitude() => Holds(Table01Claims.Pruning_CutsQueriesByAnOrderOfMagnitude);
    [Test] public void ANew_LiesBetweenAsIsAndNoPrior() => Holds(Table01Claims.ANew_LiesBetweenAsIsAndNoPrior);
    [Test] public void NasNet_TransfersLessThanANew() => Holds(Table01Claims.NasNet_TransfersLessThanANew);
    [Test] public void SqueezeNet_TransfersLessThanANew() => Holds(Table01Claims.SqueezeNet_TransfersLessThanANew);
    [Test] public void Distillation_ResNet18MoreVulnerableThanNasNet() => Holds(Table01Claims.Distillation_ResNet18MoreVulnerableThanNasNet);
    [Test] public void Ofa_SubnetworksTransferMoreThanANew() => Holds(Table01Claims.Ofa_SubnetworksTransferMoreThanANew);
    [Test] public void Table_MatchesVerifiedSnapshot() => MatchesVerifiedSnapshot();
}

[TestFixture, Category("Cpu")]
public sealed class Table01_OnDevicePriors_Mini() : Table01_OnDevicePriorsClaims("mini");

[TestFixture, Category("Gpu")]
public sealed class Table01_OnDevicePriors_Paper() : Table01_OnDevicePriorsClaims("paper");

[TestFixture, Category("CpuFull"), Explicit("heavy CPU claim set (OFA group): run with dotnet test --filter Category=CpuFull")]
public sealed class Table01_OnDevicePriors_MiniFull() : Table01_OnDevicePriorsClaims("mini-full");
