using Repro.Models;
using Repro.Profiles;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models;

public class SqueezeNetTests
{
    [TestCase(SqueezeNetVersion.V1_0, 1_248_424)]
    [TestCase(SqueezeNetVersion.V1_1, 1_235_496)]
    public void ImageNetLayout_ParameterCount_IsTorchvisions(SqueezeNetVersion version, long expected)
    {
        using var model = new SqueezeNetSpec(SqueezeNetLayout.ImageNet, version).Create(InputShape.ImageNet, 1000);
        model.ParameterCount().Should().Be(expected);
        model.FeatureDimension.Should().Be(512 * 13 * 13, "torchvision's classifier convolution sees the 13x13 map before its ReLU and pooling");
    }

    [TestCase(SqueezeNetVersion.V1_0, "squeezenet1_0")]
    [TestCase(SqueezeNetVersion.V1_1, "squeezenet1_1")]
    public void ImageNetLayout_NamesAndShapes_EqualTorchvisionsStateDict(SqueezeNetVersion version, string torchvisionName)
    {
        using var model = new SqueezeNetSpec(SqueezeNetLayout.ImageNet, version).Create(InputShape.ImageNet, 1000);
        var names = TestModels.PyTorchNamesAndShapes(model);
        names.Should().HaveCount(52, "26 convolutions with bias, no batch norm");
        names.Should().BeEquivalentTo(TestModels.TorchvisionKeys(torchvisionName));
    }

    [Test]
    public void CifarLayout_ParameterCountAndFeatures()
    {
        using var model = SqueezeNetSpec.Cifar.Create(InputShape.Cifar10, 10);
        model.ParameterCount().Should().Be(732_010);
        model.FeatureDimension.Should().Be(512);
        model.Architecture.DisplayName.Should().Be("SqueezeNet");
    }

    [Test]
    public void Forward_AllLayouts_ReturnLogitsAndPenultimate()
    {
        var cases = new (ArchitectureSpec Spec, InputShape Input)[]
        {
            (SqueezeNetSpec.Cifar, InputShape.Cifar10),
            (MiniProfile.SqueezeNet, InputShape.Cifar10),
            (SqueezeNetSpec.ImageNet, TestModels.Small(64)),
        };
        foreach (var (spec, input) in cases)
        {
            using var model = spec.Create(input, 10);
            model.eval();
            using var x = TestModels.Pixels(2, input);
            using var features = model.Features(x);
            using var logits = model.Head(features);
            features.shape.Should().Equal(2, model.FeatureDimension);
            logits.shape.Should().Equal(2, 10);
        }
    }
}
