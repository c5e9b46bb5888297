using Repro.Models;
using Repro.Experiments.Profiles;
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
    public void ImageNetLayout_StateDictKeys_MatchTorchvisionMobileNetV2()
    {
        using var model = MobileNetV2Spec.ImageNet.Create(InputShape.ImageNet, 1000);
        var ours = model.state_dict();
        var names = PyTorchStateDict.KeyMap(model).ToDictionary(kv => kv.Value, kv => ours[kv.Key].shape);

        // torchvision mobilenet_v2: 158 parameters + 52 batch norms x 3 buffers.
        names.Should().HaveCount(314);
        names.Keys.Count(k => !k.Contains("running_") && !k.EndsWith("num_batches_tracked")).Should().Be(158);
        // Names and shapes as printed from torchvision's mobilenet_v2() (first block without expansion, last conv, classifier).
        names["features.0.0.weight"].Should().Equal(32, 3, 3, 3);
        names["features.1.conv.0.0.weight"].Should().Equal(32, 1, 3, 3);
        names["features.1.conv.1.weight"].Should().Equal(16, 32, 1, 1);
        names["features.1.conv.2.bias"].Should().Equal(16);
        names["features.2.conv.0.0.weight"].Should().Equal(96, 16, 1, 1);
        names["features.2.conv.1.0.weight"].Should().Equal(96, 1, 3, 3);
        names["features.2.conv.2.weight"].Should().Equal(24, 96, 1, 1);
        names["features.2.conv.3.running_mean"].Should().Equal(24);
        names["features.17.conv.2.weight"].Should().Equal(320, 960, 1, 1);
        names["features.18.0.weight"].Should().Equal(1280, 320, 1, 1);
        names["features.18.1.num_batches_tracked"].Should().BeEmpty();
        names["classifier.1.weight"].Should().Equal(1000, 1280);
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
