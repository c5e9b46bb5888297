using System.IO.Compression;
using Repro.Data;

namespace Repro.Unit.Data;

public class EmbeddedSliceBuilderTests
{
    /// <summary>CIFAR-10-shaped source folders: 10 classes, <paramref name="train"/> and <paramref name="test"/>
    /// distinct 32x32 PNGs per class.</summary>
    private static void WriteSource(TempFolder root, int train = 4, int test = 3)
    {
        for (int label = 0; label < 10; label++)
        {
            string name = Cifar10.ClassNames[label];
            for (int i = 0; i < train; i++) root.Write($"src/train/{name}/{i:D4}.png", TestPng.Rgb(32, 32, (x, y, c) => (byte)(label * 20 + i + x + c)));
            for (int i = 0; i < test; i++) root.Write($"src/test/{name}/{i:D5}.png", TestPng.Rgb(32, 32, (x, y, c) => (byte)(label * 20 + i + y + c)));
        }
    }

    [Test]
    public void Build_SameInputsAndSeed_GiveAByteIdenticalZip()
    {
        using var root = new TempFolder();
        WriteSource(root);

        EmbeddedSliceBuilder.Build(root.Combine("src"), root.Combine("a.zip"), trainPerClass: 2, testPerClass: 1, seed: 7);
        EmbeddedSliceBuilder.Build(root.Combine("src"), root.Combine("b.zip"), trainPerClass: 2, testPerClass: 1, seed: 7);
        var other = EmbeddedSliceBuilder.Build(root.Combine("src"), root.Combine("c.zip"), trainPerClass: 2, testPerClass: 1, seed: 8);

        File.ReadAllBytes(root.Combine("a.zip")).Should().Equal(File.ReadAllBytes(root.Combine("b.zip")));
        other.Entries.Select(e => e.EntryPath).Should().NotEqual(SliceManifest.Read(root.Combine("a.zip")).Entries.Select(e => e.EntryPath),
            "another seed draws other files");
    }

    [Test]
    public void Build_StoresTheOriginalBytesInClassThenNameOrderWithAManifest()
    {
        using var root = new TempFolder();
        WriteSource(root);
        string zip = root.Combine("out/slice.zip");

        var manifest = EmbeddedSliceBuilder.Build(root.Combine("src"), zip, trainPerClass: 3, testPerClass: 2, seed: 1);

        using var archive = ZipFile.OpenRead(zip);
        var names = archive.Entries.Select(e => e.FullName).ToList();
        names.Should().HaveCount(10 * 3 + 10 * 2 + 1).And.EndWith(SliceManifest.FileName);
        names.Take(3).Should().OnlyContain(n => n.StartsWith("train/airplane/", StringComparison.Ordinal)).And.BeInAscendingOrder(StringComparer.Ordinal);
        names[30].Should().StartWith("test/airplane/");
        foreach (ZipArchiveEntry entry in archive.Entries.Where(e => e.FullName != SliceManifest.FileName))
        {
            entry.CompressedLength.Should().Be(entry.Length, "entries are stored, not re-compressed");
            using var stream = entry.Open();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            bytes.ToArray().Should().Equal(File.ReadAllBytes(root.Combine("src/" + entry.FullName)), entry.FullName);
        }
        manifest.Entries.Select(e => e.EntryPath).Should().Equal(names.SkipLast(1));
        var verify = () => SliceManifest.Verify(zip);
        verify.Should().NotThrow();
    }

    [Test]
    public void Build_TooFewImagesInAClass_ThrowsNamingTheFolderAndWritesNothing()
    {
        using var root = new TempFolder();
        WriteSource(root, train: 4, test: 3);

        var build = () => EmbeddedSliceBuilder.Build(root.Combine("src"), root.Combine("slice.zip"), trainPerClass: 5, testPerClass: 1, seed: 1);

        build.Should().Throw<InvalidDataException>().WithMessage("*train*airplane' holds 4 images; expected at least 5*");
        File.Exists(root.Combine("slice.zip")).Should().BeFalse();
    }

    [Test]
    public void Build_UndecodableSourceImage_LeavesThePreviousSliceUntouched()
    {
        using var root = new TempFolder();
        WriteSource(root, train: 1, test: 1);
        root.Write("src/test/cat/00000.png", [1, 2, 3]);
        string zip = root.Write("slice.zip", "previous slice"u8.ToArray());

        var build = () => EmbeddedSliceBuilder.Build(root.Combine("src"), zip, trainPerClass: 1, testPerClass: 1, seed: 1, overwrite: true);

        build.Should().Throw<InvalidDataException>().WithMessage("*test/cat/00000.png' could not be decoded*");
        File.ReadAllBytes(zip).Should().Equal("previous slice"u8.ToArray());
        Directory.GetFiles(root.Path).Should().Equal([zip], "the temporary zip is deleted");
    }

    [Test]
    public void Build_OutputExistsWithoutOverwrite_ThrowsNamingItAndKeepsIt()
    {
        using var root = new TempFolder();
        WriteSource(root, train: 1, test: 1);
        string zip = root.Write("slice.zip", "committed slice"u8.ToArray());

        var build = () => EmbeddedSliceBuilder.Build(root.Combine("src"), zip, trainPerClass: 1, testPerClass: 1, seed: 1);

        build.Should().Throw<IOException>().WithMessage($"*{zip}' already exists*");
        File.ReadAllBytes(zip).Should().Equal("committed slice"u8.ToArray());
    }

    [Test]
    public void Build_SourceIsAnArchiveFile_ThrowsSayingImageFoldersAreRead()
    {
        using var root = new TempFolder();
        string archive = root.Write("cifar-10-binary.tar.gz", [0x1f, 0x8b]);

        var build = () => EmbeddedSliceBuilder.Build(archive, root.Combine("slice.zip"), trainPerClass: 1, testPerClass: 1, seed: 1);

        build.Should().Throw<ArgumentException>().WithMessage($"*'{archive}' is a file; the slice is built from CIFAR-10 image folders*");
        File.Exists(root.Combine("slice.zip")).Should().BeFalse();
    }
}
