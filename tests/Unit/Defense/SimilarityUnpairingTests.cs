using Repro.Defense;
using Repro.Metrics;
using Repro.Models;
using Repro.Training;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Defense;

/// <summary>§V-B's objective L = CE(f'(x), y) + Σ λ_i mean cos_i(f, f') on tiny real networks.</summary>
public class SimilarityUnpairingTests
{
    static Classifier Copy(Classifier model)
    {
        var copy = ModelCloning.Clone(model);
        copy.train();
        return copy;
    }

    static float[] Gradients(Classifier model) =>
        model.parameters().Where(p => p.grad is not null).SelectMany(p => p.grad!.flatten().data<float>().ToArray()).ToArray();

    [Test]
    public void Loss_EveryLambdaZero_IsExactlyCrossEntropy_ValueAndGradients()
    {
        using var scope = NewDisposeScope();
        var original = TinyModels.ResNet();
        var images = TinyModels.Images(8, seed: 1);
        var labels = TinyModels.Labels(8, seed: 1);
        var penalties = PenaltyLocations.All.Select(l => UnpairingPenalty.Create(l, 0)).ToList();

        var plain = Copy(original);
        var plainLoss = CrossEntropyObjective.Instance.Loss(plain, images, labels);
        plainLoss.backward();
        var unpaired = Copy(original);
        var unpairedLoss = new SimilarityUnpairing(original, penalties).Loss(unpaired, images, labels);
        unpairedLoss.backward();

        unpairedLoss.item<float>().Should().Be(plainLoss.item<float>());
        Gradients(unpaired).Should().Equal(Gradients(plain));
        new SimilarityUnpairing(original, penalties).Describe().Should().Be("ce", "a run with every λ = 0 shares plain training's recipe");
    }

    [Test]
    public void Loss_InputGradientPenalty_DoubleBackwardReachesTheParameters()
    {
        using var scope = NewDisposeScope();
        var original = TinyModels.ResNet();
        var images = TinyModels.Images(8, seed: 2);
        var labels = TinyModels.Labels(8, seed: 2);

        var withPenalty = Copy(original);
        new SimilarityUnpairing(original, new[] { new InputGradientPenalty(1) }).Loss(withPenalty, images, labels).backward();
        var without = Copy(original);
        CrossEntropyObjective.Instance.Loss(without, images, labels).backward();

        var a = Gradients(withPenalty);
        var b = Gradients(without);
        a.Should().OnlyContain(g => float.IsFinite(g));
        a.Zip(b, (x, y) => Math.Abs(x - y)).Max().Should().BeGreaterThan(1e-6f, "the cosine of the input-gradients depends on the weights through the second derivative");
    }

    [Test]
    public void TrainedForward_InputGradient_RetainsTheGraphForTheOuterBackward()
    {
        using var scope = NewDisposeScope();
        var model = Copy(TinyModels.ResNet());
        var forward = new TrainedForward(model, TinyModels.Images(4, seed: 3), TinyModels.Labels(4, seed: 3), needsInputGradient: true);

        var gradientNorm = forward.InputGradient.pow(2).sum();
        var crossEntropy = nn.functional.cross_entropy(forward.Logits, forward.Labels);

        // Both backward passes go through the same forward: without retain_graph the second would fail.
        FluentActions.Invoking(() => (crossEntropy + gradientNorm).backward()).Should().NotThrow();
        forward.InputGradient.requires_grad.Should().BeTrue("create_graph keeps f''s input-gradient differentiable");
    }

    [TestCase(PenaltyLocation.Input)]
    [TestCase(PenaltyLocation.Output)]
    [TestCase(PenaltyLocation.Feature)]
    public void Training_OnThePenaltyAlone_LowersTheCosineWithinAFewSteps(PenaltyLocation kind)
    {
        using var scope = NewDisposeScope();
        var original = TinyModels.ResNet();
        var trained = Copy(original);
        var images = TinyModels.Images(32, seed: 4);
        var labels = TinyModels.Labels(32, seed: 4);
        var metric = ModelSimilarity.All.Single(m => m.Metric == kind switch { PenaltyLocation.Input => Metric.SimilarityGradients, PenaltyLocation.Output => Metric.SimilarityLogits, _ => Metric.SimilarityFeatures });
        double before = metric.Measure(original, trained, images, labels).Mean!.Value;
        var objective = new SimilarityUnpairing(original, new[] { UnpairingPenalty.Create(kind, 10) });
        var optimizer = optim.SGD(trained.parameters(), 0.05, momentum: 0.9);

        for (int step = 0; step < 8; step++)
        {
            using var stepScope = NewDisposeScope();
            trained.train();
            optimizer.zero_grad();
            objective.Loss(trained, images, labels).backward();
            optimizer.step();
        }
        double after = metric.Measure(original, trained, images, labels).Mean!.Value;

        before.Should().BeApproximately(1, 1e-4, "f' starts as a copy of f");
        after.Should().BeLessThan(before - 0.05, $"gradient steps on λ·cos must lower the {kind}-level cosine");
    }

    [Test]
    public void Loss_IsCrossEntropyPlusLambdaTimesTheMeanCosine()
    {
        using var scope = NewDisposeScope();
        var original = TinyImages.RandomLinear(3, TinyImages.Shape(1, 3, 3), seed: 1, scale: 1);
        var trained = TinyImages.RandomLinear(3, TinyImages.Shape(1, 3, 3), seed: 2, scale: 1);
        var images = TinyImages.Uniform(5, trained.Input, 3);
        var labels = TinyImages.Labels(0, 1, 2, 0, 1);

        float loss = new SimilarityUnpairing(original, new[] { new LogitPenalty(2.5) }).Loss(trained, images, labels).item<float>();

        float ce = CrossEntropyObjective.Instance.Loss(trained, images, labels).item<float>();
        double cosine = LogitSimilarity.Instance.Measure(original, trained, images, labels).Mean!.Value;
        loss.Should().BeApproximately((float)(ce + 2.5 * cosine), 1e-5f);
    }

    [Test]
    public void Penalty_NegativeOrNaNLambda_IsRefusedNamingIt()
    {
        FluentActions.Invoking(() => new InputGradientPenalty(-1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*InputGradientPenalty*λ*");
        FluentActions.Invoking(() => new LogitPenalty(double.NaN)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*LogitPenalty*λ*");
        FluentActions.Invoking(() => UnpairingPenalty.Create((PenaltyLocation)7, 1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*not a penalty location*");
    }

    [Test]
    public void Loss_NaNCosine_ThrowsNamingThePenalty()
    {
        using var scope = NewDisposeScope();
        var original = TinyModels.ResNet();
        var trained = Copy(original);
        var images = TinyModels.Images(4, seed: 5);
        images[0, 0, 0, 0] = tensor(float.NaN);

        FluentActions.Invoking(() => new SimilarityUnpairing(original, new[] { new LogitPenalty(1) }).Loss(trained, images, TinyModels.Labels(4)))
            .Should().Throw<ArithmeticException>().WithMessage("*output-level unpairing penalty (output=1)*NaN*");
    }

    [Test]
    public void PenultimatePenalty_DifferentFeatureWidths_IsRefusedWithTheReason()
    {
        using var scope = NewDisposeScope();
        var original = TinyModels.ResNet();
        var trained = TinyImages.RandomLinear(10, InputShape.Cifar10, seed: 6);

        FluentActions.Invoking(() => new SimilarityUnpairing(original, new[] { new PenultimatePenalty(1) }).Loss(trained, TinyModels.Images(2), TinyModels.Labels(2)))
            .Should().Throw<ArgumentException>().WithMessage($"*{original.FeatureDimension}-dimensional*{trained.FeatureDimension}-dimensional*");
    }

    [Test]
    public void Objective_SameLocationTwiceOrTheOriginalItself_IsRefused()
    {
        using var scope = NewDisposeScope();
        var original = TinyModels.ResNet();

        FluentActions.Invoking(() => new SimilarityUnpairing(original, new UnpairingPenalty[] { new LogitPenalty(1), new LogitPenalty(2) }))
            .Should().Throw<ArgumentException>().WithMessage("*output-level penalty is given 2 times*");
        FluentActions.Invoking(() => new SimilarityUnpairing(original, new[] { new LogitPenalty(1) }).Loss(original, TinyModels.Images(2), TinyModels.Labels(2)))
            .Should().Throw<ArgumentException>().WithMessage("*f itself*");
    }

    [Test]
    public void Describe_ListsTheNonZeroTermsForRecipeHashes()
    {
        using var scope = NewDisposeScope();
        var original = TinyModels.ResNet();
        var penalties = new UnpairingPenalty[] { new LogitPenalty(0.01), new InputGradientPenalty(1), new PenultimatePenalty(0) };

        new SimilarityUnpairing(original, penalties).Describe().Should().Be("ce+unpair(output=0.01;input=1)");
        SimilarityUnpairing.DescribeFor(penalties, "kd(T=20)").Should().Be("kd(T=20)+unpair(output=0.01;input=1)");
    }
}
