using System.Security.Cryptography;
using Repro.Data;

namespace Repro.Unit.Data;

public class DatasetLocatorTests
{
    /// <summary>Makes <paramref name="root"/>/<paramref name="relative"/> look like CIFAR-10 image folders.</summary>
    private static string ImageFolders(TempFolder root, string relative)
    {
        root.Write($"{relative}/train/cat/0.png", TestPng.Rgb(32, 32, (_, _, _) => 1));
        root.Write($"{relative}/test/cat/0.png", TestPng.Rgb(32, 32, (_, _, _) => 1));
        return root.Combine(relative);
    }

    private static RemoteArchive ArchiveOf(byte[] bytes) =>
        new(new Uri("https://example.invalid/cifar-10-binary.tar.gz"), "cifar-10-binary.tar.gz",
            Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);

    [Test]
    public void Locate_ExplicitPath_WinsOverEnvironmentAndCache()
    {
        using var root = new TempFolder();
        var options = new DataSearchOptions
        {
            ExplicitPath = ImageFolders(root, "explicit"),
            EnvironmentPath = ImageFolders(root, "env"),
            CacheRoot = ImageFolders(root, "cache"),
        };

        var found = DatasetLocator.Locate(options);

        found.Should().Be(new LocatedDataset(root.Combine("explicit"), DatasetLayout.ImageFolders, DatasetOrigin.ExplicitPath));
    }

    [Test]
    public void Locate_EnvironmentPath_WinsOverCache()
    {
        using var root = new TempFolder();
        var options = new DataSearchOptions { EnvironmentPath = ImageFolders(root, "env"), CacheRoot = ImageFolders(root, "cache") };

        DatasetLocator.Locate(options).Origin.Should().Be(DatasetOrigin.EnvironmentPath);
    }

    [Test]
    public void Locate_EnvironmentPathWithoutData_FallsBackToCache()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.Combine("empty-env"));
        var options = new DataSearchOptions { EnvironmentPath = root.Combine("empty-env"), CacheRoot = ImageFolders(root, "cache") };

        DatasetLocator.Locate(options).Should().Be(new LocatedDataset(root.Combine("cache"), DatasetLayout.ImageFolders, DatasetOrigin.Cache));
    }

    [Test]
    public void Locate_ExplicitPathWithoutData_ThrowsInsteadOfUsingAnotherCopy()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.Combine("wrong"));
        var options = new DataSearchOptions { ExplicitPath = root.Combine("wrong"), CacheRoot = ImageFolders(root, "cache") };

        var locate = () => DatasetLocator.Locate(options);

        locate.Should().Throw<DatasetNotFoundException>().WithMessage($"*explicitly given data path '{root.Combine("wrong")}' holds no CIFAR-10*");
    }

    [Test]
    public void Locate_DataRootWithCifar10Subfolder_FindsTheImageFolders()
    {
        using var root = new TempFolder();
        ImageFolders(root, "data/cifar10");

        var found = DatasetLocator.Locate(new DataSearchOptions { EnvironmentPath = root.Combine("data") });

        found.Should().Be(new LocatedDataset(root.Combine("data/cifar10"), DatasetLayout.ImageFolders, DatasetOrigin.EnvironmentPath));
    }

    [Test]
    public void Locate_BinaryBatchFolder_IsRecognised()
    {
        using var root = new TempFolder();
        root.Write("cache/cifar-10-batches-bin/test_batch.bin", Cifar10BinaryFiles.Batch([1]));

        var found = DatasetLocator.Locate(new DataSearchOptions { CacheRoot = root.Combine("cache") });

        found.Should().Be(new LocatedDataset(root.Combine("cache/cifar-10-batches-bin"), DatasetLayout.BinaryFolder, DatasetOrigin.Cache));
    }

    [Test]
    public void Locate_BinaryArchiveInCache_IsRecognised()
    {
        using var root = new TempFolder();
        root.Write("cache/cifar-10-binary.tar.gz", [1, 2, 3]);

        var found = DatasetLocator.Locate(new DataSearchOptions { CacheRoot = root.Combine("cache") });

        found.Should().Be(new LocatedDataset(root.Combine("cache/cifar-10-binary.tar.gz"), DatasetLayout.BinaryArchive, DatasetOrigin.Cache));
    }

    [Test]
    public void Locate_ZipGivenExplicitly_IsAnImageFolderZip()
    {
        using var root = new TempFolder();
        string zip = root.Write("slice.zip", [0x50, 0x4B, 5, 6]);

        DatasetLocator.Locate(new DataSearchOptions { ExplicitPath = zip }).Layout.Should().Be(DatasetLayout.ImageFolderZip);
    }

    [Test]
    public void Locate_NothingFound_ErrorListsEveryPlaceItLooked()
    {
        using var root = new TempFolder();
        var options = new DataSearchOptions { EnvironmentPath = root.Combine("env"), CacheRoot = root.Combine("cache"), AllowDownload = false };

        var locate = () => DatasetLocator.Locate(options);

        var error = locate.Should().Throw<DatasetNotFoundException>().Which;
        error.Looked.Should().HaveCount(3);
        error.Message.Should().Contain($"REPRO_DATA '{root.Combine("env")}': does not exist")
            .And.Contain($"user cache '{root.Combine("cache")}': does not exist")
            .And.Contain("download: not allowed (offline)");
    }

    [Test]
    public void Locate_Download_VerifiesChecksumAndRenamesIntoTheCache()
    {
        using var root = new TempFolder();
        byte[] body = RandomNumberGenerator.GetBytes(200_000);
        var http = FakeHttpHandler.Serving(body);
        var options = new DataSearchOptions { CacheRoot = root.Combine("cache"), AllowDownload = true, HttpHandler = http, Archive = ArchiveOf(body) };

        var found = DatasetLocator.Locate(options);

        found.Should().Be(new LocatedDataset(root.Combine("cache/cifar-10-binary.tar.gz"), DatasetLayout.BinaryArchive, DatasetOrigin.Download));
        File.ReadAllBytes(found.Path).Should().Equal(body);
        root.Files().Should().Equal(["cache/cifar-10-binary.tar.gz"], "no temporary file is left behind");
        http.Requests.Should().Equal([new Uri("https://example.invalid/cifar-10-binary.tar.gz")]);
        DatasetLocator.Locate(options with { HttpHandler = FakeHttpHandler.Unreachable() }).Origin
            .Should().Be(DatasetOrigin.Cache, "the next search finds the verified download in the cache");
    }

    [Test]
    public void Locate_DownloadChecksumMismatch_ThrowsWithBothHashesAndLeavesNothing()
    {
        using var root = new TempFolder();
        byte[] published = RandomNumberGenerator.GetBytes(1000);
        byte[] served = [.. published[..999], (byte)(published[999] ^ 1)];
        var archive = ArchiveOf(published);
        var options = new DataSearchOptions
        {
            CacheRoot = root.Combine("cache"), AllowDownload = true, HttpHandler = FakeHttpHandler.Serving(served), Archive = archive,
        };

        var locate = () => DatasetLocator.Locate(options);

        locate.Should().Throw<InvalidDataException>()
            .WithMessage($"*expected SHA-256 {archive.Sha256}*got SHA-256 {Convert.ToHexStringLower(SHA256.HashData(served))}*deleted*");
        root.Files().Should().BeEmpty("neither the partial download nor a renamed file may stay in the cache");
    }

    [Test]
    public void Locate_DownloadUnreachable_ListsTheFailureAmongThePlacesLooked()
    {
        using var root = new TempFolder();
        var options = new DataSearchOptions
        {
            CacheRoot = root.Combine("cache"), AllowDownload = true, HttpHandler = FakeHttpHandler.Unreachable(), Archive = ArchiveOf([1]),
        };

        var locate = () => DatasetLocator.Locate(options);

        locate.Should().Throw<DatasetNotFoundException>().WithMessage("*download of https://example.invalid/cifar-10-binary.tar.gz: failed (Name or service not known*");
        root.Files().Should().BeEmpty();
    }

    [TestCase("/x/cache", "/home/u", "/x/cache/repro/data")]
    [TestCase(null, "/home/u", "/home/u/.cache/repro/data")]
    [TestCase("", "/home/u", "/home/u/.cache/repro/data")]
    public void DefaultCacheRoot_UsesXdgCacheHomeElseHomeDotCache(string? xdgCacheHome, string home, string expected)
    {
        DataSearchOptions.DefaultCacheRoot(xdgCacheHome, home).Should().Be(expected);
    }

    [Test]
    public void OfficialArchive_PinsThePublishedSha256AndSize()
    {
        Cifar10.OfficialBinaryArchive.Should().Be(new RemoteArchive(
            new Uri("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), "cifar-10-binary.tar.gz",
            "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd", 170_052_171));
    }
}
