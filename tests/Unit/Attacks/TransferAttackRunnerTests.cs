using Repro.Attacks;
using Repro.Models;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Attacks;

public class TransferAttackRunnerTests
{
    static readonly TransferAttackSettings Paper = new();

    [Test]
    public void Run_SmallBatches_SameImagesAsOneBatch()
    {
        using var scope = NewDisposeScope();
        var shape = TinyImages.Shape(3, 8, 8);
        var model = TinyImages.RandomLinear(10, shape, 11);
        var images = TinyImages.Uniform(7, shape, 12);
        var labels = randint(0, 10, new long[] { 7 });
        using var pgd = new Pgd(Paper);

        var whole = new TransferAttackRunner(Paper).Run(pgd, model, images, labels);
        var batched = new TransferAttackRunner(Paper with { BatchSize = 3 }).Run(pgd, model, images, labels);

        // PGD steps along gradient signs: a component within rounding of zero may flip between batch sizes and the
        // walk diverge from there; elsewhere the two agree. Bitwise equality across batch sizes is not promised.
        SignAgreement.DifferingShare(batched, whole).Should().BeLessThan(0.01);
        LinfAssert.InBallAndUnitRange(batched, images, Paper.Epsilon);
    }

    [Test]
    public void Run_ResNetInTrainingMode_RestoresModesAndRequiresGradAndLeavesNoGrad()
    {
        using var scope = NewDisposeScope();
        var model = new ResNetSpec(ResNetBlock.Basic, new[] { 1 }, 4, 2).Create(TinyImages.Shape(3, 8, 8), 10);
        model.train();
        var frozen = model.parameters().First();
        frozen.requires_grad = false;
        var modesBefore = model.modules().Select(m => m.training).Prepend(model.training).ToArray();
        var requiresGradBefore = model.parameters().Select(p => p.requires_grad).ToArray();
        var images = TinyImages.Uniform(3, model.Input, 13);
        using var pgd = new Pgd(Paper with { PgdSteps = 2 });

        var adversarial = new TransferAttackRunner(Paper).Run(pgd, model, images, TinyImages.Labels(1, 2, 3));

        model.modules().Select(m => m.training).Prepend(model.training).Should().Equal(modesBefore);
        model.parameters().Select(p => p.requires_grad).Should().Equal(requiresGradBefore);
        model.parameters().Select(p => p.grad is null).Should().AllBeEquivalentTo(true);
        adversarial.requires_grad.Should().BeFalse();
        LinfAssert.InBallAndUnitRange(adversarial, images, Paper.Epsilon);
    }

    [Test]
    public void Run_EvaluationMode_BatchNormUsesRunningStatistics()
    {
        using var scope = NewDisposeScope();
        var model = new ResNetSpec(ResNetBlock.Basic, new[] { 1 }, 4, 2).Create(TinyImages.Shape(3, 8, 8), 10);
        model.train();
        var images = TinyImages.Uniform(4, model.Input, 14);
        var labels = TinyImages.Labels(1, 2, 3, 4);
        var fgsm = new Fgsm(Paper);

        var alone = new TransferAttackRunner(Paper with { BatchSize = 1 }).Run(fgsm, model, images, labels);
        var together = new TransferAttackRunner(Paper).Run(fgsm, model, images, labels);

        // Batch 1 and batch 4 run other convolution kernels, so a gradient component within rounding of zero may flip
        // its sign; any pixel with a clear gradient must agree. In training mode batch norm would mix the batch.
        SignAgreement.UnexplainedDifferences(together, alone, model, images, labels).Should().Be(0);
        model.training.Should().BeTrue("the runner restores the caller's mode");
    }

    [Test]
    public void Run_TrainingModeStatistics_WouldMixTheBatch()
    {
        // The control for the test above: had the runner left batch norm on batch statistics, the two would differ clearly.
        using var scope = NewDisposeScope();
        var model = new ResNetSpec(ResNetBlock.Basic, new[] { 1 }, 4, 2).Create(TinyImages.Shape(3, 8, 8), 10);
        model.train();
        var images = TinyImages.Uniform(4, model.Input, 14);
        var labels = TinyImages.Labels(1, 2, 3, 4);
        Tensor Fgsm(Tensor x, Tensor y)
        {
            var input = x.detach().requires_grad_(true);
            var loss = nn.functional.cross_entropy(model.forward(input), y, reduction: nn.Reduction.Sum);
            var g = autograd.grad(new[] { loss }, new[] { input })[0];
            return (x + Paper.FgsmStepSize * g.sign()).clamp(0, 1).detach();
        }

        var together = Fgsm(images, labels);
        var alone = cat(Enumerable.Range(0, 4).Select(i => Fgsm(images.narrow(0, i, 1), labels.narrow(0, i, 1))).ToList(), 0);

        SignAgreement.DifferingShare(together, alone).Should().BeGreaterThan(0.05, "batch statistics make each image's gradient depend on the others");
    }

    [Test]
    public void Run_ManyBatches_LeavesNoLiveTensorsBehind()
    {
        using var scope = NewDisposeScope();
        var shape = TinyImages.Shape(3, 8, 8);
        var model = TinyImages.RandomLinear(10, shape, 15);
        var images = TinyImages.Uniform(20, shape, 16);
        var labels = randint(0, 10, new long[] { 20 });
        using var pgd = new Pgd(Paper with { PgdRandomStart = true });
        var runner = new TransferAttackRunner(Paper with { BatchSize = 2 });
        runner.Run(pgd, model, images, labels).Dispose();
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        runner.Run(pgd, model, images, labels).Dispose();

        DisposeScopeManager.Statistics.ThreadTotalLiveCount.Should().Be(before);
    }

    [Test]
    public void Run_PixelsOutsideUnitRange_ThrowsNamingTheContract()
    {
        using var scope = NewDisposeScope();
        var shape = TinyImages.Shape(1, 2, 2);
        var model = TinyImages.RandomLinear(2, shape, 17);
        var normalised = full(new long[] { 1, 1, 2, 2 }, -1.5f);

        FluentActions.Invoking(() => new TransferAttackRunner(Paper).Run(new Fgsm(Paper), model, normalised, TinyImages.Labels(0)))
            .Should().Throw<ArgumentException>().WithMessage("*[0, 1] pixels*");
    }
}
