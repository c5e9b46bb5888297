using Repro.Attacks;
using Repro.Defense;
using Repro.Models;
using Repro.Training;
using Repro.Unit.Fakes;
using Repro.Progress;
using static TorchSharp.torch;

namespace Repro.Unit.Defense;

public class AdversarialTrainingTests
{
    // A radius large enough for the toy task's decisions to flip (its pixels are uniform in [0, 1]).
    const double Epsilon = 0.06;
    static readonly TrainingSettings Settings = new() { Epochs = 8, LearningRate = 0.05, BatchSize = 32, WarmupEpochs = 0, Augment = false };

    // A toy task a robust classifier exists for: the label is the brightness of a 2x2 patch of channel 0 (0.25 or 0.75,
    // four radii from the boundary) in 3x8x8 images of uniform noise, which a model trained on few images leans on too.
    static readonly InputShape ToyShape = TinyImages.Shape(3, 8, 8);

    static (Tensor Images, Tensor Labels) Toy(int count, int seed)
    {
        using var scope = NewDisposeScope();
        var images = TinyImages.Uniform(count, ToyShape, seed);
        var labels = randint(0, 2, new long[] { count }, generator: new TorchSharp.torch.Generator((ulong)seed + 7));
        var level = (labels.to_type(ScalarType.Float32) + 0.5f) / 2;
        images[.., 0, ..2, ..2] = level.view(-1, 1, 1).expand(count, 2, 2);
        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    static TrainingBatches Toy(int batches, int size, int seed) => epoch => Enumerable.Range(0, batches).Select(b => Toy(size, 1000 * seed + b));

    static TrainingBatches Task(int batches = 6, int size = 32) => epoch => Enumerable.Range(0, batches).Select(b =>
    {
        var images = TinyModels.Images(size, seed: 100 * epoch + b);
        var labels = images[.., 0, 0, ..10].argmax(1);
        return (images, labels);
    });

    static AdversarialTraining Pgd(int steps = 3, long seed = 5) => new(new PgdTrainingAttack(Epsilon, Epsilon / 2, steps, randomStart: true, seed));

    /// <summary>Accuracy (%) on held-out toy images under PGD-10 at the training radius (clean start: deterministic).</summary>
    static double RobustAccuracy(Classifier model)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = Toy(512, seed: 9001);
        var settings = new TransferAttackSettings { Epsilon = Epsilon, StepSize = Epsilon / 4, PgdSteps = 10 };
        using var pgd = new Pgd(settings);
        var adversarial = new TransferAttackRunner(settings).Run(pgd, model, images, labels);
        return global::Repro.Metrics.Accuracy.Of(model, adversarial, labels);
    }

    static LinearClassifier Zero() => new(new double[2, ToyShape.Dimension], new double[2], ToyShape);

    [Test]
    public void Train_PgdObjective_IsMoreRobustThanCrossEntropyFromTheSameStart([Values(1, 2, 3)] int seed)
    {
        // The same 2 batches of 16 images every epoch: few images, as in any real training set, so noise pixels can be fitted.
        var settings = Settings with { Epochs = 60, LearningRate = 0.5 };
        using var plain = Zero();
        using var robust = Zero();

        new Trainer(settings, SilentProgress.Instance).Train(plain, Toy(2, 16, seed), 2, CrossEntropyObjective.Instance, "ce");
        using var objective = Pgd(seed: seed);
        new Trainer(settings, SilentProgress.Instance).Train(robust, Toy(2, 16, seed), 2, objective, "pgd-at");

        double plainRobust = RobustAccuracy(plain), robustRobust = RobustAccuracy(robust);
        TestContext.Out.WriteLine($"PGD-10 accuracy at eps {Epsilon}: cross-entropy {plainRobust:F1}%, adversarially trained {robustRobust:F1}%");
        robustRobust.Should().BeGreaterThan(plainRobust + 10, "training on PGD examples is what makes a model robust to them");
    }

    [Test]
    public void Train_SameSeed_SameWeights_OtherSeed_OtherWeights()
    {
        var short_ = Settings with { Epochs = 2 };
        using var a = TinyModels.ResNet(seed: 3);
        using var b = TinyModels.ResNet(seed: 3);
        using var c = TinyModels.ResNet(seed: 3);
        using (var objective = Pgd(seed: 1)) new Trainer(short_, SilentProgress.Instance).Train(a, Task(2), 2, objective, "a");
        using (var objective = Pgd(seed: 1)) new Trainer(short_, SilentProgress.Instance).Train(b, Task(2), 2, objective, "b");
        using (var objective = Pgd(seed: 2)) new Trainer(short_, SilentProgress.Instance).Train(c, Task(2), 2, objective, "c");

        WeightsHash.Of(b).Should().Be(WeightsHash.Of(a), "the random starts come from the seed");
        WeightsHash.Of(c).Should().NotBe(WeightsHash.Of(a), "another seed draws other random starts");
    }

    [Test]
    public void Train_InterruptedThenResumed_MatchesAnUninterruptedRun()
    {
        var settings = Settings with { Epochs = 3 };
        var dir = Directory.CreateTempSubdirectory("adversarial-");
        try
        {
            using var straight = TinyModels.ResNet(seed: 1);
            using (var objective = Pgd()) new Trainer(settings, SilentProgress.Instance).Train(straight, Task(2), 2, objective, "straight");

            using var interrupted = TinyModels.ResNet(seed: 1);
            var crashAtEpoch3 = new TrainingBatches(epoch => epoch == 2 ? throw new OperationCanceledException("simulated kill") : Task(2)(epoch));
            using (var objective = Pgd())
            {
                var act = () => new Trainer(settings, SilentProgress.Instance).Train(interrupted, crashAtEpoch3, 2, objective, "first", dir.FullName);
                act.Should().Throw<OperationCanceledException>();
            }
            using var resumed = TinyModels.ResNet(seed: 99);
            using (var objective = Pgd()) new Trainer(settings, SilentProgress.Instance).Train(resumed, Task(2), 2, objective, "resumed", dir.FullName);

            WeightsHash.Of(resumed).Should().Be(WeightsHash.Of(straight), "each epoch's random starts depend on (seed, epoch) only");
        }
        finally { dir.Delete(recursive: true); }
    }

    [Test]
    public void Loss_IsTheTaskLossOnExamplesThatRaiseIt()
    {
        using var model = TinyModels.ResNet(seed: 4);
        using var images = TinyModels.Images(16, seed: 1);
        using var labels = TinyModels.Labels(16, seed: 1);
        using var objective = Pgd(steps: 5);

        using var adversarial = objective.Loss(model, images, labels);
        using var clean = CrossEntropyObjective.Instance.Loss(model, images, labels);

        adversarial.item<float>().Should().BeGreaterThan(clean.item<float>(), "PGD maximises the loss the step then minimises");
        objective.ExtraPassesPerStep.Should().Be(5);
    }

    [Test]
    public void Describe_NamesTheAttackAndTheTaskLoss_UnlikePlainTraining()
    {
        using var paper = new AdversarialTraining(new PgdTrainingAttack(8.0 / 255, 2.0 / 255, 7, true, 0));
        using var noStart = new AdversarialTraining(new PgdTrainingAttack(8.0 / 255, 2.0 / 255, 7, false, 0));

        paper.Describe().Should().Be($"at(pgd(eps={8.0 / 255:R};step={2.0 / 255:R};steps=7;start=uniform);task=ce)");
        paper.Describe().Should().NotBe(CrossEntropyObjective.Instance.Describe()).And.NotBe(noStart.Describe());
        paper.Describe().Should().Be(AdversarialTraining.DescribeFor(PgdTrainingAttack.DescribeFor(8.0 / 255, 2.0 / 255, 7, true), "ce"), "recipes know the text before any model exists");
    }

    [Test]
    public void PgdTrainingAttack_BadSettings_NameWhatIsWrong()
    {
        FluentActions.Invoking(() => new PgdTrainingAttack(8.0 / 255, 2.0 / 255, 0, true, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least one PGD step*");
        FluentActions.Invoking(() => new PgdTrainingAttack(double.NaN, 2.0 / 255, 7, true, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*l-inf radius*");
    }

    [Test]
    public void RobustDistillation_WithAlphaZero_IsCrossEntropyOnCleanImages()
    {
        using var teacher = TinyModels.ResNet(seed: 2);
        using var student = TinyModels.ResNet(seed: 3);
        using var images = TinyModels.Images(8);
        using var labels = TinyModels.Labels(8);
        using var ard = new AdversariallyRobustDistillation(teacher, new PgdTrainingAttack(8.0 / 255, 2.0 / 255, 2, true, 0), 30, 0);

        using var loss = ard.Loss(student, images, labels);
        using var ce = CrossEntropyObjective.Instance.Loss(student, images, labels);

        loss.item<float>().Should().BeApproximately(ce.item<float>(), 1e-5f);
    }

    [Test]
    public void RobustDistillation_StudentMatchingTheTeacherOnCleanImages_PaysForItsAdversarialOutputs()
    {
        using var teacher = TinyModels.ResNet(seed: 2);
        using var twin = TinyModels.ResNet(seed: 2);
        using var images = TinyModels.Images(8);
        using var labels = TinyModels.Labels(8);
        using var ard = new AdversariallyRobustDistillation(teacher, new PgdTrainingAttack(0.1, 0.05, 3, true, 0), 1, 1);

        using var loss = ard.Loss(twin, images, labels);

        loss.item<float>().Should().BeGreaterThan(0, "the student's outputs on x' differ from the teacher's on x");
        ard.Describe().Should().StartWith("ard(pgd(").And.Contain("T=1;alpha=1;kl=mean");
        FluentActions.Invoking(() => new AdversariallyRobustDistillation(teacher, new PgdTrainingAttack(0.1, 0.05, 3, true, 0), 30, 1.5))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*[0, 1]*");
    }
}
