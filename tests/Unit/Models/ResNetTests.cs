using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models;

public class ResNetTests
{
    [Test]
    public void Describe_ExistingSpecs_Unchanged()
    {
        // Recipe hashes of existing artifacts depend on these strings.
        ResNetSpec.ResNet50.Describe().Should().Be("ResNet(bottleneck;3-4-6-3;w64;stem1)");
        ResNetSpec.ResNet18.Describe().Should().Be("ResNet(basic;2-2-2-2;w64;stem1)");
        ResNetSpec.ResNet50ImageNet.Describe().Should().Be("ResNet(bottleneck;3-4-6-3;w64;stem-imagenet)");
        ResNetSpec.ResNet50ImageNet.DisplayName.Should().Be("ResNet50");
    }

    [Test]
    public void ImageNetResNet50_ParameterCount_IsTorchvisions()
    {
        using var model = ResNetSpec.ResNet50ImageNet.Create(InputShape.ImageNet, 1000);
        model.ParameterCount().Should().Be(25_557_032);
        model.FeatureDimension.Should().Be(2048);
    }

    [Test]
    public void ImageNetResNet50_NamesAndShapes_EqualTorchvisionsStateDict()
    {
        using var model = ResNetSpec.ResNet50ImageNet.Create(InputShape.ImageNet, 1000);
        var names = TestModels.PyTorchNamesAndShapes(model);
        names.Should().HaveCount(320, "torchvision's resnet50 state dict has 320 tensors, num_batches_tracked included");
        names.Should().BeEquivalentTo(TestModels.TorchvisionKeys("resnet50"));
    }

    [Test]
    public void ImageNetResNet50_Forward_ReturnsLogitsPerImage()
    {
        // Adaptive pooling lets a small image exercise the 7x7 stem and max-pool cheaply.
        using var model = ResNetSpec.ResNet50ImageNet.Create(TestModels.Small(64), 7);
        model.eval();
        using var x = TestModels.Pixels(2, model.Input);
        using var logits = model.forward(x);
        using var features = model.Features(x);
        logits.shape.Should().Equal(2, 7);
        features.shape.Should().Equal(2, 2048);
    }

    [Test]
    public void CifarResNet_PyTorchNames_AreKuangliuPytorchCifars()
    {
        using var model = new ResNetSpec(ResNetBlock.Basic, new[] { 1, 1 }, 8, 1).Create(InputShape.Cifar10, 10);
        var names = PyTorchStateDict.KeyMap(model).Values.ToList();
        names.Should().Contain(new[] { "conv1.weight", "bn1.running_var", "layer1.0.conv2.weight", "layer2.0.shortcut.0.weight", "layer2.0.shortcut.1.bias", "linear.weight" });
    }
}
