using System.IO.Compression;
using Repro.Data;

namespace Repro.Unit.Data;

public class ImageFolderReaderTests
{
    private static readonly ImageSizing Tiny = new ImageSizing.Exact(2, 3);

    /// <summary>A 3x2 RGB PNG whose every pixel is (r, g, b).</summary>
    private static byte[] Solid(byte r, byte g, byte b, int width = 3, int height = 2) =>
        TestPng.Rgb(width, height, (_, _, c) => c switch { 0 => r, 1 => g, _ => b });

    [Test]
    public void Read_Directory_LabelsFollowGivenClassOrderAndFilesSortOrdinally()
    {
        using var root = new TempFolder();
        root.Write("dog/b.png", Solid(20, 0, 0));
        root.Write("dog/a.png", Solid(10, 0, 0));
        root.Write("cat/z.png", Solid(30, 0, 0));

        using var data = ImageFolderReader.Read(root.Path, Tiny, classNames: ["dog", "cat"]);

        data.LabelArray().Should().Equal(0, 0, 1);
        data.ClassNames.Should().Equal("dog", "cat");
        data.Images.shape.Should().Equal(3, 3, 2, 3);
        data.Images[.., 0, 0, 0].data<float>().ToArray().Should().Equal(10 / 255f, 20 / 255f, 30 / 255f);
    }

    [Test]
    public void Read_NoClassList_SortsFolderNamesOrdinally()
    {
        using var root = new TempFolder();
        foreach (string name in new[] { "b", "B", "a" }) root.Write($"{name}/0.png", Solid(1, 2, 3));

        using var data = ImageFolderReader.Read(root.Path, Tiny);

        data.ClassNames.Should().Equal("B", "a", "b");
    }

    [Test]
    public void Read_PixelsArePlanarChannelsScaledToUnitRange()
    {
        using var root = new TempFolder();
        root.Write("only/0.png", TestPng.Rgb(3, 2, (x, y, c) => (byte)(100 * c + 10 * y + x)));

        using var data = ImageFolderReader.Read(root.Path, Tiny);

        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 2; y++)
                for (int x = 0; x < 3; x++)
                    data.Images[0, c, y, x].item<float>().Should().Be((100 * c + 10 * y + x) / 255f);
    }

    [Test]
    public void Read_GrayscaleAndRgba_BecomeThreeChannelRgb()
    {
        using var root = new TempFolder();
        root.Write("a/grey.png", TestPng.Encode(3, 2, 1, Enumerable.Repeat((byte)77, 6).ToArray()));
        root.Write("a/rgba.png", TestPng.Encode(3, 2, 4, Enumerable.Range(0, 6).SelectMany(_ => new byte[] { 5, 6, 7, 0 }).ToArray()));

        using var data = ImageFolderReader.Read(root.Path, Tiny);

        data.Images[0].data<float>().ToArray().Should().OnlyContain(v => v == 77 / 255f, "grey is replicated to R, G and B");
        data.Images[1, .., 1, 2].data<float>().ToArray().Should().Equal([5 / 255f, 6 / 255f, 7 / 255f], "alpha is dropped, not composited");
    }

    [Test]
    public void Read_LimitPerClass_KeepsFirstFilesOfEachClassInOrdinalOrder()
    {
        using var root = new TempFolder();
        foreach (string file in new[] { "3", "1", "2" })
        {
            root.Write($"x/{file}.png", Solid(byte.Parse(file), 0, 0));
            root.Write($"y/{file}.png", Solid((byte)(10 + byte.Parse(file)), 0, 0));
        }

        using var data = ImageFolderReader.Read(root.Path, Tiny, limitPerClass: 2);

        data.LabelArray().Should().Equal(0, 0, 1, 1);
        data.Images[.., 0, 0, 0].data<float>().ToArray().Should().Equal(1 / 255f, 2 / 255f, 11 / 255f, 12 / 255f);
    }

    [Test]
    public void Read_Zip_ReadsOnlyEntriesUnderTheSplitPrefix()
    {
        using var folder = new TempFolder();
        string zip = folder.Combine("set.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Add(archive, "train/cat/1.png", Solid(1, 0, 0));
            Add(archive, "train/dog/1.png", Solid(2, 0, 0));
            Add(archive, "test/cat/1.png", Solid(3, 0, 0));
            Add(archive, "MANIFEST.tsv", [1, 2, 3]);
        }

        using var train = ImageFolderReader.Read(zip, Tiny, ["cat", "dog"], split: "train");
        using var test = ImageFolderReader.Read(zip, Tiny, ["cat"], split: "test");

        train.LabelArray().Should().Equal(0, 1);
        test.Images[0, 0, 0, 0].item<float>().Should().Be(3 / 255f);
        train.Source.Should().Contain("set.zip!train/");
    }

    [Test]
    public void Read_SplitSubfolderOfDirectory_ReadsThatSplit()
    {
        using var root = new TempFolder();
        root.Write("test/cat/1.png", Solid(9, 0, 0));

        using var data = ImageFolderReader.Read(root.Path, Tiny, split: "test");

        data.Count.Should().Be(1);
    }

    [Test]
    public void Read_SkipsFilesThatAreNotPngOrJpeg()
    {
        using var root = new TempFolder();
        root.Write("cat/1.png", Solid(1, 0, 0));
        root.Write("cat/notes.txt", [1, 2, 3]);
        root.Write("README.md", [1, 2, 3]);

        using var data = ImageFolderReader.Read(root.Path, Tiny);

        data.Count.Should().Be(1);
    }

    [Test]
    public void Read_WrongSize_ThrowsNamingFileAndExpectedSize()
    {
        using var root = new TempFolder();
        string file = root.Write("cat/big.png", Solid(1, 2, 3, width: 4, height: 2));

        var read = () => ImageFolderReader.Read(root.Path, Tiny);

        read.Should().Throw<InvalidDataException>().WithMessage($"*'{file}' is 4x2*expected exactly 3x2*");
    }

    [Test]
    public void Read_UnknownClassFolder_ThrowsNamingFolderAndExpectedClasses()
    {
        using var root = new TempFolder();
        root.Write("cat/1.png", Solid(1, 2, 3));
        root.Write("platypus/1.png", Solid(1, 2, 3));

        var read = () => ImageFolderReader.Read(root.Path, Tiny, ["cat", "dog"]);

        read.Should().Throw<InvalidDataException>().WithMessage("*platypus' is not one of the 2 expected classes (cat, dog)*");
    }

    [Test]
    public void Read_ListedClassWithoutImages_ThrowsNamingClass()
    {
        using var root = new TempFolder();
        root.Write("cat/1.png", Solid(1, 2, 3));

        var read = () => ImageFolderReader.Read(root.Path, Tiny, ["cat", "dog"]);

        read.Should().Throw<InvalidDataException>().WithMessage("*class 'dog' has no PNG or JPEG images*");
    }

    [Test]
    public void Read_CorruptImageBytes_ThrowsNamingFile()
    {
        using var root = new TempFolder();
        root.Write("cat/1.png", Solid(1, 2, 3));
        byte[] broken = Solid(1, 2, 3)[..40];
        string file = root.Write("cat/2.png", broken);

        var read = () => ImageFolderReader.Read(root.Path, Tiny);

        read.Should().Throw<InvalidDataException>().WithMessage($"*'{file}' could not be decoded*expected a PNG or JPEG image*")
            .Which.Message.Should().NotContainAny("\0", "\u0001", "\n");
    }

    [Test]
    public void Read_EmptyFolder_ThrowsSayingWhatLayoutWasExpected()
    {
        using var root = new TempFolder();

        var read = () => ImageFolderReader.Read(root.Path, Tiny);

        read.Should().Throw<InvalidDataException>().WithMessage($"*'{root.Path}' holds no class folders; expected*<class>/<image>*");
    }

    [Test]
    public void Read_MissingPath_ThrowsNamingIt()
    {
        var read = () => ImageFolderReader.Read("/nonexistent/cifar", Tiny);

        read.Should().Throw<FileNotFoundException>().WithMessage("*'/nonexistent/cifar' does not exist*");
    }

    [Test]
    public void Read_FileThatIsNotAZip_ThrowsNamingIt()
    {
        using var root = new TempFolder();
        string file = root.Write("data.zip", [1, 2, 3, 4, 5]);

        var read = () => ImageFolderReader.Read(file, Tiny);

        read.Should().Throw<InvalidDataException>().WithMessage($"*'{file}' is a file but not a .zip archive*");
    }

    private static void Add(ZipArchive archive, string name, byte[] bytes)
    {
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(bytes);
    }
}
