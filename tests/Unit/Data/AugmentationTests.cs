using Repro.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Data;

public class AugmentationTests
{
    /// <summary>A batch whose pixels are all distinct and non-zero, so any crop offset or flip shows.</summary>
    private static Tensor DistinctPixels(int b, int c = 3, int h = 8, int w = 8) =>
        (arange(b * c * h * w, dtype: ScalarType.Float32) + 1).view(b, c, h, w);

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Test]
    public void Apply_EqualsThePerImageCropAndFlipOfThePaddedImage()
    {
        using var images = DistinctPixels(16);
        var augmentation = new Augmentation(seed: 5);

        using var result = augmentation.Apply(images, epoch: 3, batch: 1);

        var (top, left, flip) = augmentation.Draw(16, epoch: 3, batch: 1);
        using var padded = nn.functional.pad(images, [4, 4, 4, 4]);
        for (int i = 0; i < 16; i++)
        {
            using var crop = padded[i, .., TensorIndex.Slice(top[i], top[i] + 8), TensorIndex.Slice(left[i], left[i] + 8)];
            using var expected = flip[i] ? crop.flip(2) : crop.clone();
            Same(result[i], expected).Should().BeTrue($"image {i}: top {top[i]}, left {left[i]}, flip {flip[i]}");
        }
    }

    [Test]
    public void Draw_OffsetsSpanZeroToTwicePaddingAndBothFlipsOccur()
    {
        var (top, left, flip) = new Augmentation(seed: 1).Draw(500, epoch: 0, batch: 0);

        top.Concat(left).Should().OnlyContain(o => o >= 0 && o <= 8);
        top.Distinct().Should().HaveCount(9);
        flip.Should().Contain(true).And.Contain(false);
    }

    [Test]
    public void Apply_SameSeedEpochAndBatch_SameResult_OtherBatch_OtherResult()
    {
        using var images = DistinctPixels(8);
        var augmentation = new Augmentation(seed: 2);

        using var a = augmentation.Apply(images, 0, 0);
        using var b = augmentation.Apply(images, 0, 0);
        using var c = augmentation.Apply(images, 0, 1);

        Same(a, b).Should().BeTrue();
        Same(a, c).Should().BeFalse();
    }

    [Test]
    public void Apply_LeavesTheInputUntouchedAndKeepsShapeAndRange()
    {
        using var images = rand(4, 3, 32, 32);
        using var before = images.clone();

        using var result = new Augmentation(seed: 3).Apply(images, 0, 0);

        Same(images, before).Should().BeTrue();
        result.shape.Should().Equal(4, 3, 32, 32);
        result.min().item<float>().Should().BeGreaterThanOrEqualTo(0f);
        result.max().item<float>().Should().BeLessThanOrEqualTo(1f);
    }

    [Test]
    public void Apply_NoPaddingNoFlip_IsTheIdentity()
    {
        using var images = DistinctPixels(4);

        using var result = new Augmentation(seed: 3, padding: 0, horizontalFlip: false).Apply(images, 0, 0);

        Same(result, images).Should().BeTrue();
    }
}
