using Repro.Harness.Planning;
using Repro.Models;

namespace Repro.Unit.Harness.Planning;

public class PlanEstimateTests
{
    static WorkTerm Term(Pass pass, double images, ArchitectureSpec? architecture = null) => new(architecture ?? ResNetSpec.ResNet18, 32, pass, images, "test");

    [Test]
    public void Hours_SumsImagesTimesSecondsPerImage()
    {
        var estimate = PlanEstimate.Measured(PlanFixtures.Times(), "cpu-test");

        estimate.Hours(Work.Of(Term(Pass.Train, 1800), Term(Pass.Forward, 1800))).Hours.Should().Be(1);
    }

    [Test]
    public void Hours_ANetworkTheTableLacks_IsUnknownAndNamed()
    {
        var (hours, missing) = PlanEstimate.Measured(PlanFixtures.Times(), "cpu-test").Hours(Work.Of(Term(Pass.Train, 1, ResNetSpec.ResNet50)));

        hours.Should().BeNull();
        missing.Should().Equal($"{EpochTimes.NetworkKey(ResNetSpec.ResNet50, 32)} train");
    }

    [Test]
    public void IsCpu_FollowsTheDeviceTheRowsWereMeasuredOn()
    {
        var times = PlanFixtures.Times().With(new[] { new EpochTimes.Row("cuda", EpochTimes.NetworkKey(ResNetSpec.ResNet18, 32), Pass.Train, 1e-4, 128, "then", "there") });

        PlanEstimate.Measured(times, "cpu-test").IsCpu.Should().BeTrue();
        PlanEstimate.Measured(times, "cuda").IsCpu.Should().BeFalse();
    }
}
