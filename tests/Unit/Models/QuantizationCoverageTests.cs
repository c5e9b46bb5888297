using Repro.Models;
using Repro.Models.Layers;
using Repro.Models.OnceForAll;
using Repro.Profiles;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Unit.Models;

/// <summary>
/// 8-bit quantization and pruning find layers only through ConvBn and QuantizableLinear; these tests hold
/// every architecture to that, and check that its simulated int8 logits stay close to float.
/// </summary>
public class QuantizationCoverageTests
{
    static IEnumerable<TestCaseData> Models()
    {
        yield return new TestCaseData(MiniProfile.MobileNetV2, InputShape.Cifar10).SetArgDisplayNames("MobileNetV2 (CIFAR mini)");
        yield return new TestCaseData(new MobileNetV2Spec(MobileNetV2Layout.ImageNet, 0.25, 2, new[] { 1, 1, 1, 1, 1, 1, 1 }), TestModels.Small(32)).SetArgDisplayNames("MobileNetV2 (torchvision layout)");
        yield return new TestCaseData(MiniProfile.SqueezeNet, InputShape.Cifar10).SetArgDisplayNames("SqueezeNet (CIFAR mini)");
        yield return new TestCaseData(new SqueezeNetSpec(SqueezeNetLayout.ImageNet, WidthMultiplier: 0.25), TestModels.Small(48)).SetArgDisplayNames("SqueezeNet (torchvision layout)");
        yield return new TestCaseData(MiniProfile.NasNet, TestModels.Small(16)).SetArgDisplayNames("NASNet (mini)");
        yield return new TestCaseData(new ResNetSpec(ResNetBlock.Bottleneck, new[] { 1, 1 }, 8, Stem: ResNetStem.ImageNet), TestModels.Small(32)).SetArgDisplayNames("ResNet (torchvision stem)");
        yield return new TestCaseData(TestModels.TinyOfa, TestModels.Small(16)).SetArgDisplayNames("OFA supernet (largest)");
        yield return new TestCaseData(new OfaSubnetSpec(TestModels.TinyOfa, new OfaSubnetConfig(2, 3, 5)), TestModels.Small(16)).SetArgDisplayNames("OFA (2, 3, 5)");
    }

    [TestCaseSource(nameof(Models))]
    public void EveryConvolutionAndLinear_IsAQuantizableLayer(ArchitectureSpec spec, InputShape input)
    {
        using var model = spec.Create(input, 10);
        var convs = model.modules().OfType<Conv2d>().Count();
        var linears = model.modules().OfType<Linear>().Count();
        model.QuantizableLayers().OfType<ConvBn>().Count().Should().Be(convs);
        model.QuantizableLayers().OfType<QuantizableLinear>().Count().Should().Be(linears);
        // No batch norm outside a ConvBn: int8 folding would miss it.
        model.modules().OfType<BatchNorm2d>().Count().Should().Be(model.QuantizableLayers().OfType<ConvBn>().Count(c => c.Norm is not null));
    }

    [TestCaseSource(nameof(Models))]
    public void Int8_AfterCalibration_LogitsStayCloseToFloat(ArchitectureSpec spec, InputShape input)
    {
        using var model = spec.Create(input, 10);
        TestModels.RandomizeBatchNorm(model);
        model.eval();
        using var x = TestModels.Pixels(16, input, seed: 3);
        using var reference = model.forward(x);

        TestModels.Quantize(model, x);
        using var quantized = model.forward(x);

        using var relative = (quantized - reference).norm() / reference.norm();
        relative.item<float>().Should().BeLessThan(0.1f, "8-bit weights and activations perturb logits by a few percent");
        model.QuantizableLayers().Should().OnlyContain(l => l.InputRange.Min <= l.InputRange.Max, "every layer saw calibration data");
    }
}
