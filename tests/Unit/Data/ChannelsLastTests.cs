using Repro.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Data;

public class ChannelsLastTests
{
    [Test]
    public void Copy_SameShapeAndValues_NhwcStrides()
    {
        using var images = rand(4, 3, 5, 6, generator: new Generator(1));

        using var copy = ChannelsLast.Copy(images);

        copy.shape.Should().Equal(4, 3, 5, 6);
        copy.stride().Should().Equal(5 * 6 * 3, 1, 6 * 3, 3);
        ChannelsLast.Is(copy).Should().BeTrue();
        ChannelsLast.Is(images).Should().BeFalse();
        copy.data<float>().ToArray().Should().Equal(images.data<float>().ToArray(), "same values in the same logical order");
    }

    [Test]
    public void Copy_ThroughAConvolution_KeepsTheLayoutAndTheResult()
    {
        using var images = rand(2, 3, 8, 8, generator: new Generator(2));
        using var copy = ChannelsLast.Copy(images);
        manual_seed(3);
        using var conv = nn.Conv2d(3, 8, 3, padding: 1);
        using var bn = nn.BatchNorm2d(8);

        using var reference = bn.forward(conv.forward(images));
        using var output = bn.forward(conv.forward(copy));

        ChannelsLast.Is(output).Should().BeTrue("libtorch's convolution reads the layout from the strides and keeps it");
        (output - reference).abs().max().item<float>().Should().BeLessThan(1e-5f, "other kernels, the same convolution");
    }

    [Test]
    public void Copy_NotABatch_Throws()
    {
        using var images = rand(3, 8, 8);

        var act = () => ChannelsLast.Copy(images);

        act.Should().Throw<ArgumentException>().WithMessage("*[N, C, H, W]*");
    }
}
