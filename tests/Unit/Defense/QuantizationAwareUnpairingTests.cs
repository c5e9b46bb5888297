using Repro.Defense;
using Repro.Mechanisms;
using Repro.Models;
using Repro.Models.Layers;
using Repro.Unit.Fakes;
using static TorchSharp.torch;

namespace Repro.Unit.Defense;

/// <summary>Table VI's QAT: CE of the float view plus α times the unpairing loss of the 8-bit view of the same weights.</summary>
public class QuantizationAwareUnpairingTests
{
    [Test]
    public void Loss_IsFloatCrossEntropyPlusAlphaTimesTheEightBitObjective_AndLeavesTheModelEightBit()
    {
        using var scope = NewDisposeScope();
        var server = TinyModels.ResNet();
        var model = new Int8Quantization(32).Derive(server, TinyModels.Images(32));
        var images = TinyModels.Images(8, seed: 1);
        var labels = TinyModels.Labels(8, seed: 1);
        model.eval();
        var onDevice = new SimilarityUnpairing(server, new[] { new InputGradientPenalty(1) });

        float joint = new QuantizationAwareUnpairing(onDevice, 0.5).Loss(model, images, labels).item<float>();

        float eightBit = onDevice.Loss(model, images, labels).item<float>();
        foreach (var layer in model.QuantizableLayers()) layer.Mode = QuantizationMode.Float;
        float fullPrecision = nn.functional.cross_entropy(model.forward(images), labels).item<float>();
        foreach (var layer in model.QuantizableLayers()) layer.Mode = QuantizationMode.Int8;
        joint.Should().BeApproximately(fullPrecision + 0.5f * eightBit, 1e-4f);
        Int8Quantization.IsQuantized(model).Should().BeTrue();
    }

    [Test]
    public void Loss_FloatModel_IsRefused()
    {
        using var scope = NewDisposeScope();
        var server = TinyModels.ResNet();
        var copy = ModelCloning.Clone(server);
        var objective = new QuantizationAwareUnpairing(new SimilarityUnpairing(server, new[] { new InputGradientPenalty(1) }), 1);

        FluentActions.Invoking(() => objective.Loss(copy, TinyModels.Images(2), TinyModels.Labels(2))).Should().Throw<InvalidOperationException>().WithMessage("*8-bit*");
    }

    [Test]
    public void Alpha_Negative_IsRefusedNamingTheSetting()
    {
        using var scope = NewDisposeScope();
        var server = TinyModels.ResNet();

        FluentActions.Invoking(() => new QuantizationAwareUnpairing(new SimilarityUnpairing(server, Array.Empty<UnpairingPenalty>()), -1))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Unpairing.QatAlpha*");
    }
}
