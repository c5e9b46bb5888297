using Repro.Mechanisms;
using Repro.Models.Layers;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Mechanisms;

public class Int8QuantizationTests
{
    [Test]
    public void Derive_PutsEveryLayerIn8BitModeAndLeavesTheServerFloat()
    {
        using var server = TinyModels.ResNet();
        using var calibration = TinyModels.Images(64);

        using var quantized = new Int8Quantization(64).Derive(server, calibration);

        Int8Quantization.IsQuantized(quantized).Should().BeTrue();
        server.QuantizableLayers().Should().OnlyContain(l => l.Mode == QuantizationMode.Float);
    }

    [Test]
    public void Derive_LogitsStayCloseToTheFloatModel()
    {
        using var server = TinyModels.ResNet();
        using var calibration = TinyModels.Images(128);
        using var images = TinyModels.Images(64, seed: 7);
        using var quantized = new Int8Quantization(128).Derive(server, calibration);

        using var noGrad = no_grad();
        using var reference = server.forward(images);
        using var eightBit = quantized.forward(images);
        using var error = (eightBit - reference).norm() / reference.norm();

        error.item<float>().Should().BeLessThan(0.1f, "8-bit rounding should perturb logits by a few percent, not change the function");
        using var agree = eightBit.argmax(1).eq(reference.argmax(1)).to_type(ScalarType.Float32).mean();
        agree.item<float>().Should().BeGreaterThan(0.85f);
    }

    [Test]
    public void Derive_ModelStillHasInputGradients()
    {
        using var server = TinyModels.ResNet();
        using var calibration = TinyModels.Images(32);
        using var quantized = new Int8Quantization(32).Derive(server, calibration);
        using var images = TinyModels.Images(8, seed: 3).requires_grad_(true);
        using var labels = TinyModels.Labels(8);

        using var loss = nn.functional.cross_entropy(quantized.forward(images), labels);
        loss.backward();

        using var gradNorm = images.grad!.abs().sum();
        gradNorm.item<float>().Should().BeGreaterThan(0, "white-box attacks on the 8-bit model need straight-through gradients");
    }

    [Test]
    public void Activations_EqualIntegerArithmeticOnTheCodes()
    {
        using var x = tensor(new[] { -1.3f, -0.2f, 0f, 0.05f, 0.7f, 2.9f });
        var (scale, zeroPoint) = FakeQuantization.ActivationParameters(-1.3f, 2.9f);

        using var simulated = FakeQuantization.Activations(x, scale, zeroPoint);

        var expected = x.data<float>().Select(v => (float)((Math.Clamp(Math.Round(v / scale) + zeroPoint, 0, 255) - zeroPoint) * scale)).ToArray();
        simulated.data<float>().ToArray().Should().BeEquivalentTo(expected, o => o.WithStrictOrdering().Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6f)).WhenTypeIs<float>());
    }

    [Test]
    public void WeightsPerChannel_UseAt_Most255LevelsPerChannelAndKeepTheChannelMaximum()
    {
        using var w = randn(4, 3, 3, 3, generator: new Generator(5));
        using var q = FakeQuantization.WeightsPerChannel(w);

        for (int c = 0; c < 4; c++)
        {
            var channel = q[c].flatten().data<float>().ToArray();
            float max = w[c].abs().max().item<float>();
            channel.Distinct().Count().Should().BeLessThanOrEqualTo(255);
            channel.Max(Math.Abs).Should().BeApproximately(max, 1e-5f);
            var codes = channel.Select(v => v / (max / 127)).ToArray();
            codes.Should().OnlyContain(code => Math.Abs(code - Math.Round(code)) < 1e-3, "dequantized values are integer multiples of the channel scale");
        }
    }

    [Test]
    public void Derive_WithoutCalibrationImages_Throws()
    {
        using var server = TinyModels.ResNet();
        using var none = zeros(0, 3, 32, 32);
        var act = () => new Int8Quantization(10).Derive(server, none);
        act.Should().Throw<ArgumentException>().WithMessage("*calibration*");
    }
}
