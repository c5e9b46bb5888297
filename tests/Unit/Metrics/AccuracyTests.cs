using Repro.Metrics;
using Repro.Unit.Fakes;
using static TorchSharp.torch;

namespace Repro.Unit.Metrics;

public class AccuracyTests
{
    [Test]
    public void Of_KnownMargins_PercentCorrectInAnyBatchSize([Values(1, 3, 250)] int batchSize)
    {
        using var scope = NewDisposeScope();
        var scenario = new TwoClassLinearScenario(TinyImages.Shape(1, 4, 4), seed: 1, scale: 1);
        var (images, labels) = scenario.Images(new[] { 1.0, -1.0, 2.0, 0.5 }, new[] { 1L, 0L, 0L, 1L }, seed: 2);

        Accuracy.Of(scenario.Server(), images, labels, batchSize).Should().Be(75);
    }

    [Test]
    public void Of_TrainingModeModel_RestoresIt()
    {
        using var scope = NewDisposeScope();
        var model = TinyImages.RandomLinear(3, TinyImages.Shape(1, 2, 2), 3);
        model.train();

        Accuracy.Of(model, TinyImages.Uniform(4, model.Input, 4), TinyImages.Labels(0, 1, 2, 0));

        model.training.Should().BeTrue();
    }

    [Test]
    public void Of_NoImages_Throws()
    {
        using var scope = NewDisposeScope();
        var model = TinyImages.RandomLinear(3, TinyImages.Shape(1, 2, 2), 3);

        FluentActions.Invoking(() => Accuracy.Of(model, zeros(0, 1, 2, 2), zeros(0, ScalarType.Int64))).Should().Throw<ArgumentException>();
    }
}
