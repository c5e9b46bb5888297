using Repro.Models;
using Repro.Experiments.Profiles;
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

    [Test]
    public void ImageNetV1_1_StateDictKeysAndShapes_MatchTorchvision()
    {
        using var model = SqueezeNetSpec.ImageNetV1_1.Create(InputShape.ImageNet, 1000);
        var ours = model.state_dict();
        var names = PyTorchStateDict.KeyMap(model).ToDictionary(kv => kv.Value, kv => ours[kv.Key].shape);

        // torchvision squeezenet1_1: 52 tensors, no batch norm; fires at features 3, 4, 6, 7, 9, 10, 11, 12.
        names.Should().HaveCount(52);
        names["features.0.weight"].Should().Equal(64, 3, 3, 3);
        names["features.3.squeeze.weight"].Should().Equal(16, 64, 1, 1);
        names["features.6.squeeze.weight"].Should().Equal(32, 128, 1, 1);
        names["features.9.expand3x3.weight"].Should().Equal(192, 48, 3, 3);
        names["features.11.squeeze.weight"].Should().Equal(64, 384, 1, 1);
        names["features.12.expand1x1.bias"].Should().Equal(256);
        names["classifier.1.weight"].Should().Equal(1000, 512, 1, 1);
    }

    [Test]
    public void ImageNetV1_0_FireIndices_SkipThePools()
    {
        using var model = SqueezeNetSpec.ImageNet.Create(InputShape.ImageNet, 1000);
        var names = PyTorchStateDict.KeyMap(model).Values.Where(n => n.EndsWith("squeeze.weight")).ToList();
        names.Should().Equal(new[] { 3, 4, 5, 7, 8, 9, 10, 12 }.Select(i => $"features.{i}.squeeze.weight"));
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
