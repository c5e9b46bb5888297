using Repro.Audit;
using Repro.Profiles;

namespace Repro.Unit.Audit;

/// <summary>`repro harden`'s defaults are the harness's finetune-last recipe, the one that made Table VI's mini FL row.</summary>
public class HardenSettingsTests
{
    [Test]
    public void Default_IsTheMiniProfilesFinetuneLastSchedule()
    {
        var mini = ProfileCatalog.Get("mini");

        var settings = HardenSettings.Default();

        settings.Schedule.Should().Be(mini.Unpairing.FinetuneSchedule(mini.Training, mini.Unpairing.FinetuneFraction));
        settings.Schedule.Should().Match<Repro.Training.TrainingSettings>(s =>
            s.Epochs == 2 && s.LearningRate == 0.1 && s.WarmupEpochs == 0 && s.BatchSize == 128 && s.Momentum == 0.9 &&
            s.WeightDecay == 5e-4 && s.Schedule == "cosine" && s.Augment);
        settings.TrainImages.Should().BeNull("the harness fine-tunes on every training image");
        settings.Describe().Should().Be("2 epoch(s), SGD lr 0.1 (momentum 0.9, weight decay 0.0005), cosine schedule, warm-up 0 epoch(s), batch 128, crop + flip, all training images, seed 0");
    }
}
