using System.IO.Compression;
using System.Security.Cryptography;
using Repro.Data;

namespace Repro.Unit.Data;

/// <summary>The committed slice itself: real CIFAR-10 JPEGs and PNGs decoded from the build output's copy.</summary>
public class EmbeddedSliceTests
{
    [TestCase(DataSplit.Train, EmbeddedSlice.TrainPerClass)]
    [TestCase(DataSplit.Test, EmbeddedSlice.TestPerClass)]
    public void Load_Split_IsClassBalancedRgb32x32InUnitRange(DataSplit split, int perClass)
    {
        using var data = EmbeddedSlice.Load(split);

        data.Images.shape.Should().Equal(10 * perClass, 3, 32, 32);
        data.ClassNames.Should().Equal(Cifar10.ClassNames);
        data.LabelArray().GroupBy(l => l).Should().HaveCount(10).And.OnlyContain(g => g.Count() == perClass);
        data.LabelArray().Should().BeInAscendingOrder("rows come class by class");
        data.Images.min().item<float>().Should().BeGreaterThanOrEqualTo(0f);
        data.Images.max().item<float>().Should().BeLessThanOrEqualTo(1f);
        // A real photo set, not a constant or a mis-scaled decode: CIFAR-10's mean pixel is about 0.47.
        data.Images.mean().item<float>().Should().BeInRange(0.40f, 0.55f);
    }

    [Test]
    public void Load_LimitPerClass_TakesTheFirstImagesOfEachClass()
    {
        using var data = EmbeddedSlice.Load(DataSplit.Test, limitPerClass: 3);

        data.LabelArray().Should().Equal(Enumerable.Range(0, 10).SelectMany(l => Enumerable.Repeat((long)l, 3)));
    }

    [Test]
    public void Manifest_HashOfEveryEntryMatchesItsBytes()
    {
        var manifest = EmbeddedSlice.ReadManifest();
        using var archive = ZipFile.OpenRead(EmbeddedSlice.Path);

        var images = archive.Entries.Where(e => e.FullName != SliceManifest.FileName).ToList();
        manifest.Entries.Select(e => e.EntryPath).Should().Equal(images.Select(e => e.FullName));
        foreach (var (entry, listed) in images.Zip(manifest.Entries))
        {
            using var stream = entry.Open();
            Convert.ToHexStringLower(SHA256.HashData(stream)).Should().Be(listed.Sha256, entry.FullName);
        }
        manifest.Entries.Should().HaveCount(11_000);
        manifest.Entries.Count(e => e.EntryPath.StartsWith("test/", StringComparison.Ordinal) && e.EntryPath.EndsWith(".png", StringComparison.Ordinal))
            .Should().Be(1000, "test images are the lossless PNGs");
        manifest.Entries.Count(e => e.EntryPath.StartsWith("train/", StringComparison.Ordinal) && e.EntryPath.EndsWith(".jpg", StringComparison.Ordinal))
            .Should().Be(10_000, "training images are the source JPEGs");
    }

    [Test]
    public void Path_IsTheCopyBesideTheBuildOutput()
    {
        EmbeddedSlice.Path.Should().Be(Path.Combine(AppContext.BaseDirectory, "data", "cifar10-slice.zip"));
        File.Exists(EmbeddedSlice.Path).Should().BeTrue("src/Repro/Repro.csproj copies the committed slice to every referencing output");
    }
}
