using Repro.Data;
using Repro.Harness;
using Repro.Profiles;
using Repro.Progress;
using Repro.Training;

namespace Repro.Unit.Profiles;

public class FastProfileTests
{
    [Test]
    public void Create_ChangesOnlyHowModelsAreTrained()
    {
        // The protocol is the paper's: data, seeds, architectures, mechanisms and attacks; the schedule and the OFA scope differ.
        var differences = ProfileSettings.Differences(PaperProfile.Create(), FastProfile.Create()).Select(d => d.Setting).ToList();

        differences.Should().OnlyContain(s => s.StartsWith("Training.", StringComparison.Ordinal) || s.StartsWith("CostSweep.", StringComparison.Ordinal)
            || s == "Models.IncludeOnceForAll" || s == "Unpairing.OfaFinetuneLast");
    }

    [Test]
    public void Create_TheFullDataSetAtThePapersScale_OnAGpu()
    {
        var fast = ProfileCatalog.Get("fast");

        fast.RequiresGpu.Should().BeTrue();
        fast.Data.Source.Should().Be(DataSource.Discover);
        fast.Data.TrainImages.Should().BeNull();
        fast.Seeds.Should().HaveCount(5);
        (fast.Data.AttackSamples, fast.Data.QueryAttackSamples, fast.Query.QueryBudget).Should().Be((1000, 1000, 4000));
        fast.Models.Server.DisplayName.Should().Be("ResNet50");
        fast.Training.Precision.Should().Be(TrainingPrecision.TensorFloat32);
        fast.Training.ChannelsLast.Should().BeTrue();
    }

    [Test]
    public void Training_AtSmokeScaleOnTheCpu_LossFalls()
    {
        // The fast recipe end to end through the zoo (device-resident batches, channels-last, Nesterov, one-cycle) on
        // 380 slice images and the smoke profile's toy ResNet; TF32 is a no-op on a CPU.
        var fast = FastProfile.Create();
        var profile = fast with
        {
            Data = fast.Data with { Source = DataSource.Embedded, TrainImages = 384, AttackSamples = 32, QueryAttackSamples = 8, SimilaritySamples = 32 },
            Training = fast.Training with { Epochs = 4, BatchSize = 64, WarmupEpochs = 0.8 },
        };
        var root = Directory.CreateTempSubdirectory("fast-");
        try
        {
            using var context = new RunContext(profile, RunEnvironment.Detect(cacheOverride: root.FullName), SilentProgress.Instance);
            using var model = context.Zoo.Fresh(SmokeProfile.Server, seed: 0);

            var log = context.Zoo.Train(model, profile.Training, CrossEntropyObjective.Instance, seed: 0, checkpoints: null, task: "fast smoke");

            log.EpochLoss.Should().HaveCount(4).And.OnlyContain(loss => double.IsFinite(loss));
            log.EpochLoss[^1].Should().BeLessThan(log.EpochLoss[0]);
        }
        finally { root.Delete(recursive: true); }
    }
}
