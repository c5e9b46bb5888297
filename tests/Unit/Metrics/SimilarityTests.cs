using Repro.Mechanisms;
using Repro.Metrics;
using Repro.Models;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Metrics;

/// <summary>Appendix D's three similarity metrics, checked against closed forms on linear fakes.</summary>
public class SimilarityTests
{
    static readonly InputShape Shape = TinyImages.Shape(1, 3, 3);

    static (Tensor Images, Tensor Labels) Samples(int count, int seed)
    {
        var images = TinyImages.Uniform(count, Shape, seed);
        var random = new Random(seed);
        var labels = tensor(Enumerable.Range(0, count).Select(_ => (long)random.Next(3)).ToArray(), ScalarType.Int64);
        return (images, labels);
    }

    static LinearClassifier Negated(LinearClassifier model)
    {
        var weight = (double[,])model.Weight.Clone();
        for (int k = 0; k < weight.GetLength(0); k++)
            for (int i = 0; i < weight.GetLength(1); i++) weight[k, i] = -weight[k, i];
        return new LinearClassifier(weight, model.Bias.Select(b => -b).ToArray(), model.Input);
    }

    static double Cosine(double[] a, double[] b) =>
        a.Zip(b, (x, y) => x * y).Sum() / Math.Sqrt(a.Sum(x => x * x) * b.Sum(y => y * y));

    [TestCaseSource(nameof(AllMetrics))]
    public void Measure_IdenticalModels_GiveOne(ModelSimilarity metric)
    {
        using var scope = NewDisposeScope();
        var model = TinyImages.RandomLinear(3, Shape, seed: 1, scale: 1);
        var (images, labels) = Samples(7, seed: 2);

        var measured = metric.Measure(model, model, images, labels, batchSize: 3);

        measured.Mean.Should().BeApproximately(1, 1e-5);
        measured.Samples.Should().Be(7);
        measured.NotComparableReason.Should().BeNull();
    }

    [Test]
    public void Logits_NegatedTwin_GivesMinusOne()
    {
        using var scope = NewDisposeScope();
        var model = TinyImages.RandomLinear(3, Shape, seed: 1, scale: 1);
        var twin = Negated(model);
        var (images, labels) = Samples(6, seed: 3);

        LogitSimilarity.Instance.Measure(model, twin, images, labels).Mean.Should().BeApproximately(-1, 1e-5);
    }

    [Test]
    public void Logits_TwoLinearModels_EqualTheClosedFormMeanCosine([Values(1, 4, 250)] int batchSize)
    {
        using var scope = NewDisposeScope();
        var a = TinyImages.RandomLinear(3, Shape, seed: 4, scale: 1);
        var b = TinyImages.RandomLinear(3, Shape, seed: 5, scale: 1);
        var (images, labels) = Samples(9, seed: 6);
        double expected = Enumerable.Range(0, 9).Average(n => Cosine(a.LogitsOf(TinyImages.Row(images, n)), b.LogitsOf(TinyImages.Row(images, n))));

        LogitSimilarity.Instance.Measure(a, b, images, labels, batchSize).Mean.Should().BeApproximately(expected, 1e-5);
    }

    [Test]
    public void InputGradients_TwoLinearModels_EqualTheClosedFormMeanCosine()
    {
        using var scope = NewDisposeScope();
        var a = TinyImages.RandomLinear(3, Shape, seed: 7, scale: 1);
        var b = TinyImages.RandomLinear(3, Shape, seed: 8, scale: 1);
        var (images, labels) = Samples(9, seed: 9);
        var y = labels.data<long>().ToArray();
        double expected = Enumerable.Range(0, 9).Average(n =>
            Cosine(a.CrossEntropyGradientOf(TinyImages.Row(images, n), y[n]), b.CrossEntropyGradientOf(TinyImages.Row(images, n), y[n])));

        InputGradientSimilarity.Instance.Measure(a, b, images, labels, batchSize: 4).Mean.Should().BeApproximately(expected, 1e-5);
    }

    [Test]
    public void InputGradients_FakeQuantizedTwin_UseStraightThroughGradients()
    {
        using var scope = NewDisposeScope();
        var scenario = new TwoClassLinearScenario(Shape, seed: 10, scale: 0.5);
        var server = scenario.Server();
        var eightBit = scenario.Server(PixelTransform.FakeQuantize);
        var (images, labels) = scenario.Images(new[] { 0.3, -0.2, 0.8 }, new[] { 1L, 0L, 1L }, seed: 11);

        // Straight-through: the 8-bit twin's gradient is W^T (softmax(W q(x)) - onehot), parallel to the float one for two classes.
        InputGradientSimilarity.Instance.Measure(server, eightBit, images, labels).Mean.Should().BeApproximately(1, 1e-5);
    }

    [Test]
    public void InputGradients_QuantizedResNet_IsFiniteAndCloseToItsFloatServer()
    {
        using var scope = NewDisposeScope();
        var server = TinyModels.ResNet();
        var quantized = new Int8Quantization(64).Derive(server, TinyModels.Images(64));

        var measured = InputGradientSimilarity.Instance.Measure(server, quantized, TinyModels.Images(16, seed: 5), TinyModels.Labels(16));

        measured.Mean.Should().NotBeNull();
        measured.Mean!.Value.Should().BeInRange(0.5, 1.0, "8-bit rounding perturbs the loss surface a little, with gradients through straight-through estimators");
    }

    [Test]
    public void Penultimate_LinearModels_CompareTheirFeatures()
    {
        using var scope = NewDisposeScope();
        var a = TinyImages.RandomLinear(3, Shape, seed: 12, scale: 1);
        var b = Negated(a);
        var (images, labels) = Samples(5, seed: 13);

        // A linear fake's features are its pixels, whatever its weights.
        PenultimateSimilarity.Instance.Measure(a, b, images, labels).Mean.Should().BeApproximately(1, 1e-6);
    }

    [Test]
    public void Penultimate_DifferentWidths_IsNotComparableAndSaysWhy()
    {
        using var scope = NewDisposeScope();
        var resnet = TinyModels.ResNet();
        var linear = TinyImages.RandomLinear(10, InputShape.Cifar10, seed: 14);

        var measured = PenultimateSimilarity.Instance.Measure(resnet, linear, TinyModels.Images(4), TinyModels.Labels(4));

        measured.Mean.Should().BeNull("a cosine between vectors of different lengths is not a number to report");
        measured.Comparable.Should().BeFalse();
        measured.NotComparableReason.Should().Contain($"{resnet.FeatureDimension}-dimensional").And.Contain($"{linear.FeatureDimension}-dimensional");
    }

    [Test]
    public void Measure_TrainingModeModels_AreRestored()
    {
        using var scope = NewDisposeScope();
        var server = TinyModels.ResNet();
        var device = TinyModels.ResNet(seed: 1);
        device.train();

        InputGradientSimilarity.Instance.Measure(server, device, TinyModels.Images(4), TinyModels.Labels(4));

        device.training.Should().BeTrue();
        server.training.Should().BeFalse();
    }

    [Test]
    public void Measure_NoSamples_Throws()
    {
        using var scope = NewDisposeScope();
        var model = TinyImages.RandomLinear(3, Shape, seed: 1);

        FluentActions.Invoking(() => LogitSimilarity.Instance.Measure(model, model, zeros(0, 1, 3, 3), zeros(0, ScalarType.Int64)))
            .Should().Throw<ArgumentException>().WithMessage("*similarity_logits*");
    }

    [Test]
    public void PerSampleCosine_ZeroVector_IsZeroNotNaN()
    {
        using var scope = NewDisposeScope();
        var cosines = PerSampleCosine.Of(zeros(2, 4), ones(2, 4)).data<float>().ToArray();

        cosines.Should().Equal(0f, 0f);
    }

    static IEnumerable<ModelSimilarity> AllMetrics() => ModelSimilarity.All;
}
