using Repro.Metrics;
using Repro.Models;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Metrics;

/// <summary>Liang et al.'s α1 ([66], Appendix C) on a linear target, whose output deviations are ‖W δ‖₂ by hand.</summary>
public class AdversarialTransferabilityTests
{
    static readonly InputShape TwoPixels = TinyImages.Shape(1, 1, 2);

    // logits = W x + b with W = diag(3, 4): a perturbation (d1, d2) moves the logits by (3 d1, 4 d2), whatever b and x are.
    static LinearClassifier Target() => new(new double[,] { { 3, 0 }, { 0, 4 } }, new double[] { 1, -2 }, TwoPixels);

    static Tensor Images(params float[] pixels) => tensor(pixels).view(pixels.Length / 2, 1, 1, 2);

    // Sample 1: clean (0.5, 0.5), source δ (0.1, 0) -> 0.3, own δ (0, 0.1) -> 0.4, α1(x) = 0.75.
    // Sample 2: clean (0.2, 0.8), source δ (0.05, 0.05) -> ‖(0.15, 0.2)‖ = 0.25, own δ (-0.1, 0) -> 0.3, α1(x) = 5/6.
    static Tensor Clean() => Images(0.5f, 0.5f, 0.2f, 0.8f);
    static Tensor FromSource() => Images(0.6f, 0.5f, 0.25f, 0.85f);
    static Tensor FromTarget() => Images(0.5f, 0.6f, 0.1f, 0.8f);

    [Test]
    public void OutputDeviations_LinearTarget_AreTheNormOfWTimesThePerturbation()
    {
        using var scope = NewDisposeScope();
        var deviations = AdversarialTransferability.OutputDeviations(Target(), Clean(), FromSource());

        deviations.Should().HaveCount(2);
        deviations[0].Should().BeApproximately(0.3, 1e-5);
        deviations[1].Should().BeApproximately(0.25, 1e-5);
    }

    [Test]
    public void Alpha1_TwoSamples_IsTheMeanOfPerSampleRatios_NotTheRatioOfMeans()
    {
        using var scope = NewDisposeScope();
        var estimate = AdversarialTransferability.Alpha1(Target(), Clean(), FromSource(), FromTarget());

        // (0.75 + 5/6) / 2; the ratio of the means would be 0.55 / 0.7 = 0.786.
        estimate.Value.Should().BeApproximately((0.75 + 5.0 / 6) / 2, 1e-5);
        estimate.Samples.Should().Be(2);
        estimate.Undefined.Should().Be(0);
    }

    [Test]
    public void Alpha1_SourceExamplesAreTheTargetsOwn_IsExactlyOne()
    {
        using var scope = NewDisposeScope();
        var target = TinyImages.RandomLinear(3, TinyImages.Shape(1, 3, 3), seed: 1, scale: 1);
        var clean = TinyImages.Uniform(5, target.Input, seed: 2);
        var perturbed = (clean + 0.03 * TinyImages.Uniform(5, target.Input, seed: 3)).clamp(0, 1);

        AdversarialTransferability.Alpha1(target, clean, perturbed, perturbed).Value.Should().Be(1.0);
    }

    [Test]
    public void OutputDeviations_DoNotDependOnTheBatchSize()
    {
        using var scope = NewDisposeScope();
        var target = TinyImages.RandomLinear(3, TinyImages.Shape(1, 3, 3), seed: 4, scale: 1);
        var clean = TinyImages.Uniform(7, target.Input, seed: 5);
        var perturbed = (clean + 0.05 * TinyImages.Uniform(7, target.Input, seed: 6)).clamp(0, 1);

        AdversarialTransferability.OutputDeviations(target, clean, perturbed, batchSize: 2)
            .Should().Equal(AdversarialTransferability.OutputDeviations(target, clean, perturbed, batchSize: 250));
    }

    [Test]
    public void Alpha1_OwnAttackLeavesASampleUnmoved_LeavesItOutAndCountsIt()
    {
        var estimate = AdversarialTransferability.Alpha1(new[] { 0.3, 0.5 }, new[] { 0.4, 0.0 });

        estimate.Value.Should().BeApproximately(0.75, 1e-12);
        estimate.Samples.Should().Be(1);
        estimate.Undefined.Should().Be(1);
    }

    [Test]
    public void Alpha1_OwnAttackMovesNothing_ThrowsWithExplanation() =>
        FluentActions.Invoking(() => AdversarialTransferability.Alpha1(new[] { 0.3, 0.5 }, new[] { 0.0, 0.0 }))
            .Should().Throw<ArithmeticException>().WithMessage("α1 is undefined: on all 2 samples the target's own attack left its logits unchanged*");

    [Test]
    public void Alpha1_DeviationCountsDiffer_Throws() =>
        FluentActions.Invoking(() => AdversarialTransferability.Alpha1(new[] { 0.3 }, new[] { 0.4, 0.1 }))
            .Should().Throw<ArgumentException>().WithMessage("*got 1 (source) and 2 (target's own)*");

    [TestCase(double.NaN, 1)]
    [TestCase(1, double.PositiveInfinity)]
    [TestCase(-0.1, 1)]
    public void Alpha1_DeviationNotAFiniteNorm_Throws(double source, double own) =>
        FluentActions.Invoking(() => AdversarialTransferability.Alpha1(new[] { source }, new[] { own }))
            .Should().Throw<ArgumentException>().WithMessage("*sample 0*a deviation is a finite norm >= 0*");

    [Test]
    public void OutputDeviations_ShapesDiffer_Throws()
    {
        using var scope = NewDisposeScope();
        FluentActions.Invoking(() => AdversarialTransferability.OutputDeviations(Target(), Clean(), Images(0.5f, 0.5f)))
            .Should().Throw<ArgumentException>().WithMessage("output deviations need clean and perturbed images of one shape*");
    }
}
