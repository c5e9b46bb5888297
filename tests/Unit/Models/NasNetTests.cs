using Repro.Models;
using Repro.Profiles;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models;

public class NasNetTests
{
    [Test]
    public void Cifar6At768_ParameterCount_IsZophsThreePointThreeMillion()
    {
        using var model = NasNetSpec.Cifar.Create(InputShape.Cifar10, 10);
        // Zoph et al. 2018, Table 1: NASNet-A (6 @ 768), 3.3M parameters (without the training-only auxiliary head).
        ((double)model.ParameterCount()).Should().BeApproximately(3.3e6, 0.05 * 3.3e6);
        model.FeatureDimension.Should().Be(768);
        NasNetSpec.Cifar.Describe().Should().Be("NASNet-A(6@768;f32;stem3x;stride1)");
        NasNetSpec.Cifar.DisplayName.Should().Be("NASNet");
    }

    [Test]
    public void Cells_NormalConcatenatesSixStates_ReductionFour()
    {
        var normal = new NasNetCell(false, 96, null, false, 32);
        var reduction = new NasNetCell(true, 192, 192, false, 64);
        normal.OutChannels.Should().Be(6 * 32);
        reduction.OutChannels.Should().Be(4 * 64);
        using var x = randn(2, 96, 8, 8);
        using var y = normal.forward(x, null);
        y.shape.Should().Equal(2, 192, 8, 8);
        using var r = reduction.forward(y, y);
        r.shape.Should().Equal(2, 256, 4, 4);
    }

    [Test]
    public void Forward_Mini_ReturnsLogitsAndPenultimate()
    {
        using var model = MiniProfile.NasNet.Create(InputShape.Cifar10, 10);
        model.eval();
        using var x = TestModels.Pixels(2, InputShape.Cifar10);
        using var features = model.Features(x);
        using var logits = model.Head(features);
        features.shape.Should().Equal(2, MiniProfile.NasNet.Filters * 24);
        logits.shape.Should().Equal(2, 10);
    }
}
