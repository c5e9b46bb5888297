using Repro.Models;
using Repro.Training;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;
using Repro.Progress;

namespace Repro.Unit.Training;

public class TrainerTests
{
    static readonly TrainingSettings Settings = new() { Epochs = 4, LearningRate = 0.05, BatchSize = 16, WarmupEpochs = 0 };

    // A learnable toy task: the label is the brightest of the first 10 pixels of channel 0.
    static TrainingBatches Task(int batches = 4, int size = 16) => epoch => Enumerable.Range(0, batches).Select(b =>
    {
        var images = TinyModels.Images(size, seed: 100 * epoch + b);
        var labels = images[.., 0, 0, ..10].argmax(1);
        return (images, labels);
    });

    [Test]
    public void Train_LearnableTask_LossDecreases()
    {
        using var model = TinyModels.ResNet();
        var log = new Trainer(Settings with { Epochs = 6 }, SilentProgress.Instance).Train(model, Task(), 4, CrossEntropyObjective.Instance, "toy");

        log.EpochLoss.Should().HaveCount(6);
        log.EpochLoss[^1].Should().BeLessThan(log.EpochLoss[0]);
        model.training.Should().BeFalse("the trainer hands the model back in eval mode");
    }

    [Test]
    public void Train_InterruptedThenResumed_MatchesAnUninterruptedRun()
    {
        var dir = Directory.CreateTempSubdirectory("trainer-");
        try
        {
            using var straight = TinyModels.ResNet(seed: 1);
            new Trainer(Settings, SilentProgress.Instance).Train(straight, Task(), 4, CrossEntropyObjective.Instance, "straight");

            using var interrupted = TinyModels.ResNet(seed: 1);
            var crashAtEpoch3 = new TrainingBatches(epoch => epoch == 2 ? throw new OperationCanceledException("simulated kill") : Task()(epoch));
            var act = () => new Trainer(Settings, SilentProgress.Instance).Train(interrupted, crashAtEpoch3, 4, CrossEntropyObjective.Instance, "first", dir.FullName);
            act.Should().Throw<OperationCanceledException>();

            using var resumed = TinyModels.ResNet(seed: 99);   // different init: everything must come from the checkpoint
            var log = new Trainer(Settings, SilentProgress.Instance).Train(resumed, Task(), 4, CrossEntropyObjective.Instance, "resumed", dir.FullName);

            log.ResumedFromEpoch.Should().Be(2);
            WeightsHash.Of(resumed).Should().Be(WeightsHash.Of(straight), "a resumed training ends on the same bits as an uninterrupted one");
        }
        finally { dir.Delete(recursive: true); }
    }

    [Test]
    public void Train_SnapshotsPartWayThenLater_ResumeFromTheKeptSnapshotAndMatchOneRun()
    {
        var dir = Directory.CreateTempSubdirectory("snapshots-");
        try
        {
            using var straight = TinyModels.ResNet(seed: 4);
            new Trainer(Settings, SilentProgress.Instance).Train(straight, Task(), 4, CrossEntropyObjective.Instance, "straight");

            using var early = TinyModels.ResNet(seed: 4);
            var first = new Trainer(Settings, SilentProgress.Instance).Train(early, Task(), 4, CrossEntropyObjective.Instance, "to 2", dir.FullName, stopAfterEpoch: 2, keepEvery: 2);
            using var late = TinyModels.ResNet(seed: 4);
            var second = new Trainer(Settings, SilentProgress.Instance).Train(late, Task(), 4, CrossEntropyObjective.Instance, "to 4", dir.FullName, stopAfterEpoch: 4, keepEvery: 2);
            using var again = TinyModels.ResNet(seed: 4);
            var third = new Trainer(Settings, SilentProgress.Instance).Train(again, Task(), 4, CrossEntropyObjective.Instance, "to 2 again", dir.FullName, stopAfterEpoch: 2, keepEvery: 2);

            first.EpochLoss.Should().HaveCount(2);
            second.ResumedFromEpoch.Should().Be(2, "the epoch-2 snapshot is kept for later calls");
            third.ResumedFromEpoch.Should().Be(2, "a later snapshot must not be used for an earlier one");
            using var images = TinyModels.Images(8, seed: 5);
            using var noGrad = no_grad();
            using var a = straight.forward(images);
            using var b = late.forward(images);
            (a - b).abs().max().item<float>().Should().BeLessThan(1e-4f, "snapshots of one run equal the uninterrupted run");
        }
        finally { dir.Delete(recursive: true); }
    }

    [Test]
    public void Train_Nesterov_LearnsAndTakesAnotherPathThanPlainMomentum()
    {
        var plain = Settings with { Epochs = 6 };
        var nesterov = plain with { Nesterov = true };
        using var plainModel = TinyModels.ResNet();
        using var nesterovModel = TinyModels.ResNet();

        new Trainer(plain, SilentProgress.Instance).Train(plainModel, Task(), 4, CrossEntropyObjective.Instance, "plain");
        var log = new Trainer(nesterov, SilentProgress.Instance).Train(nesterovModel, Task(), 4, CrossEntropyObjective.Instance, "nesterov");

        log.EpochLoss[^1].Should().BeLessThan(log.EpochLoss[0]);
        using var difference = (plainModel.parameters().First() - nesterovModel.parameters().First()).abs().max();
        difference.item<float>().Should().BeGreaterThan(0, "the look-ahead gradient moves the weights differently");
    }

    [Test]
    public void LearningRateSchedule_WarmsUpThenAnnealsToZero()
    {
        var schedule = new LearningRateSchedule(new TrainingSettings { Epochs = 10, LearningRate = 0.1, WarmupEpochs = 1 }, 10);
        schedule.At(0).Should().BeApproximately(0.01, 1e-12);
        schedule.At(9).Should().BeApproximately(0.1, 1e-12);
        schedule.At(10).Should().BeApproximately(0.1, 1e-12);
        schedule.At(55).Should().BeApproximately(0.05, 1e-12);
        schedule.At(100).Should().BeApproximately(0, 1e-12);
    }

    [Test]
    public void DistillationLoss_WithRatioZero_IsPlainCrossEntropy()
    {
        using var teacher = TinyModels.ResNet(seed: 2);
        using var student = TinyModels.ResNet(seed: 3);
        using var images = TinyModels.Images(8);
        using var labels = TinyModels.Labels(8);

        using var kd = new DistillationLoss(teacher, 20, 0, true).Loss(student, images, labels);
        using var ce = CrossEntropyObjective.Instance.Loss(student, images, labels);

        kd.item<float>().Should().BeApproximately(ce.item<float>(), 1e-5f);
    }

    [Test]
    public void DistillationLoss_StudentEqualToTeacher_AddsNoSoftLoss()
    {
        using var teacher = TinyModels.ResNet(seed: 2);
        using var twin = TinyModels.ResNet(seed: 2);
        using var images = TinyModels.Images(8);
        using var labels = TinyModels.Labels(8);

        using var kd = new DistillationLoss(teacher, 20, 1.0, true).Loss(twin, images, labels);
        using var ce = CrossEntropyObjective.Instance.Loss(twin, images, labels);

        kd.item<float>().Should().BeApproximately(ce.item<float>(), 1e-4f, "KL between identical distributions is zero");
    }

    sealed class NaNObjective : ITrainingObjective
    {
        public Tensor Loss(Classifier model, Tensor images, Tensor labels) => model.forward(images).sum() * float.NaN;
        public string Describe() => "nan-objective";
    }

    /// <summary>An objective whose loss is finite but whose gradient is not: d/dw sqrt(|w|) at w = 0.</summary>
    sealed class InfiniteSlope : ITrainingObjective
    {
        public Tensor Loss(Classifier model, Tensor images, Tensor labels)
        {
            var weight = model.parameters().First();
            return (weight * 0).abs().sqrt().sum() + nn.functional.cross_entropy(model.forward(images), labels);
        }

        public string Describe() => "ce+sqrt|0·w|";
    }

    [Test]
    public void Train_NonFiniteLoss_StopsAtOnceNamingTaskEpochAndStep()
    {
        using var model = TinyModels.ResNet();
        var act = () => new Trainer(Settings, SilentProgress.Instance).Train(model, Task(), 4, new NaNObjective(), "server ResNet-tiny s0");

        act.Should().Throw<NonFiniteTrainingException>()
            .Where(e => e.Task == "server ResNet-tiny s0" && e.Epoch == 1 && e.Step == 1)
            .WithMessage("*server ResNet-tiny s0*loss (nan-objective) is NaN*epoch 1, step 1*nothing of this model was cached*");
    }

    [Test]
    public void Train_NonFiniteGradient_StopsBeforeTheStepNamingTheParameter()
    {
        using var model = TinyModels.ResNet();
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        var act = () => new Trainer(Settings, SilentProgress.Instance).Train(model, Task(), 4, new InfiniteSlope(), "toy");

        act.Should().Throw<NonFiniteTrainingException>().WithMessage("*gradient of '*' is not finite*epoch 1, step 1*");
        model.parameters().Zip(before).Should().OnlyContain(p => p.First.equal(p.Second).all().item<bool>(), "no optimiser step may spread a non-finite gradient into the weights");
    }
}
