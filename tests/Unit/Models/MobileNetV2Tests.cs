using Repro.Models;
using Repro.Profiles;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models;

public class MobileNetV2Tests
{
    [Test]
    public void CifarLayout_ParameterCount_IsKuangliusTwoPointThreeMillion()
    {
        using var model = MobileNetV2Spec.Cifar.Create(InputShape.Cifar10, 10);
        model.ParameterCount().Should().Be(2_296_922);
        model.FeatureDimension.Should().Be(1280);
    }

    [Test]
    public void ImageNetLayout_ParameterCount_IsTorchvisions()
    {
        using var model = MobileNetV2Spec.ImageNet.Create(InputShape.ImageNet, 1000);
        model.ParameterCount().Should().Be(3_504_872);
    }

    [Test]
    public void ImageNetLayout_NamesAndShapes_EqualTorchvisionsStateDict()
    {
        using var model = MobileNetV2Spec.ImageNet.Create(InputShape.ImageNet, 1000);
        var names = TestModels.PyTorchNamesAndShapes(model);
        names.Should().HaveCount(314, "158 parameters and 52 batch norms' three buffers");
        names.Should().BeEquivalentTo(TestModels.TorchvisionKeys("mobilenet_v2"));
    }

    [Test]
    public void CifarLayout_StateDictKeys_AreKuangliusNames()
    {
        using var model = MobileNetV2Spec.Cifar.Create(InputShape.Cifar10, 10);
        var names = PyTorchStateDict.KeyMap(model).Values.ToList();
        names.Should().Contain(new[] { "conv1.weight", "bn1.bias", "layers.0.conv1.weight", "layers.0.shortcut.0.weight", "layers.16.bn3.running_var", "conv2.weight", "bn2.weight", "linear.weight" });
        names.Should().NotContain("layers.2.shortcut.0.weight", "block 2 keeps 24 channels at stride 1: identity shortcut");
    }

    [Test]
    public void Forward_CifarAndMini_ReturnsLogitsAndPenultimate()
    {
        foreach (var spec in new[] { MobileNetV2Spec.Cifar, MiniProfile.MobileNetV2 })
        {
            using var model = spec.Create(InputShape.Cifar10, 10);
            model.eval();
            using var x = TestModels.Pixels(1, InputShape.Cifar10);
            using var features = model.Features(x);
            using var logits = model.Head(features);
            logits.shape.Should().Equal(1, 10);
            features.shape.Should().Equal(1, model.FeatureDimension);
        }
    }

    [Test]
    public void Describe_DisplayName_AsThePaperPrints()
    {
        MobileNetV2Spec.Cifar.DisplayName.Should().Be("MobileNetV2");
        MobileNetV2Spec.Cifar.Describe().Should().Be("MobileNetV2(cifar;w1;stem1;1-2-3-4-3-3-1)");
        MobileNetV2Spec.Cifar.Should().Be(new MobileNetV2Spec(MobileNetV2Layout.Cifar, 1.0, 1, new[] { 1, 2, 3, 4, 3, 3, 1 }));
    }
}
