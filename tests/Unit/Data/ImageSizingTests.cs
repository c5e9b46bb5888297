using Repro.Data;

namespace Repro.Unit.Data;

public class ImageSizingTests
{
    [Test]
    public void ResizeCenterCrop_LandscapeImage_FollowsTorchBilinearGeometry()
    {
        // R = 2x and G = 2y are linear, so bilinear resizing reproduces them exactly at the source coordinate
        // src = (dst + 0.5) * in / out - 0.5: the test checks sizes, crop offsets and the align_corners=False rule.
        using var root = new TempFolder();
        root.Write("a/wide.png", TestPng.Rgb(64, 48, (x, y, c) => c switch { 0 => (byte)(2 * x), 1 => (byte)(2 * y), _ => 100 }));
        var sizing = new ImageSizing.ResizeCenterCrop(Resize: 32, Crop: 24);

        using var data = ImageFolderReader.Read(root.Path, sizing);

        data.Images.shape.Should().Equal(1, 3, 24, 24);
        // Shorter side 48 -> 32, longer 64 -> int(32 * 64 / 48) = 42; crop offsets round((32-24)/2) = 4, round((42-24)/2) = 9.
        double scaleX = 64.0 / 42, scaleY = 48.0 / 32;
        foreach (var (y, x) in new[] { (0, 0), (5, 17), (23, 23) })
        {
            data.Images[0, 0, y, x].item<float>().Should().BeApproximately((float)(2 * ((9 + x + 0.5) * scaleX - 0.5) / 255), 1e-5f);
            data.Images[0, 1, y, x].item<float>().Should().BeApproximately((float)(2 * ((4 + y + 0.5) * scaleY - 0.5) / 255), 1e-5f);
            data.Images[0, 2, y, x].item<float>().Should().BeApproximately(100 / 255f, 1e-6f);
        }
    }

    [TestCase(25, 0)] // offset (25 - 24) / 2 = 0.5 rounds to 0, as Python's round() does
    [TestCase(27, 2)] // 1.5 rounds to 2
    public void ResizeCenterCrop_HalfPixelOffset_RoundsHalfToEvenAsTorchvision(int width, int expectedLeft)
    {
        // Height already equals the resize target, so the resize is the identity and columns can be read back.
        using var root = new TempFolder();
        root.Write("a/img.png", TestPng.Rgb(width, 24, (x, _, _) => (byte)(10 * x)));

        using var data = ImageFolderReader.Read(root.Path, new ImageSizing.ResizeCenterCrop(Resize: 24, Crop: 24));

        data.Images[0, 0, 0, 0].item<float>().Should().Be(10 * expectedLeft / 255f);
    }

    [Test]
    public void ResizeCenterCrop_PortraitImage_ResizesWidthToTarget()
    {
        using var root = new TempFolder();
        root.Write("a/tall.png", TestPng.Rgb(10, 30, (_, _, _) => 50));

        using var data = ImageFolderReader.Read(root.Path, new ImageSizing.ResizeCenterCrop(Resize: 8, Crop: 6));

        data.Images.shape.Should().Equal(1, 3, 6, 6);
        data.Images.min().item<float>().Should().BeApproximately(50 / 255f, 1e-6f);
        data.Images.max().item<float>().Should().BeApproximately(50 / 255f, 1e-6f);
    }

    [Test]
    public void ResizeCenterCrop_CropLargerThanResize_IsRejected()
    {
        var make = () => new ImageSizing.ResizeCenterCrop(Resize: 200, Crop: 224);

        make.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*crop <= resize*");
    }

    [Test]
    public void ImageNetDefaults_Are256And224()
    {
        var sizing = new ImageSizing.ResizeCenterCrop();

        (sizing.Resize, sizing.Height, sizing.Width).Should().Be((256, 224, 224));
    }
}
