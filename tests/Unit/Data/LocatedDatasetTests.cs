using Repro.Data;

namespace Repro.Unit.Data;

public class LocatedDatasetTests
{
    [Test]
    public void Load_ImageFolderZip_ReadsTheRequestedSplit()
    {
        var located = new LocatedDataset(EmbeddedSlice.Path, DatasetLayout.ImageFolderZip, DatasetOrigin.ExplicitPath);

        using var test = located.Load(DataSplit.Test, limitPerClass: 2);

        test.LabelArray().Should().Equal(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9);
    }

    [Test]
    public void Load_BinaryFolder_ReadsAnOfficialSizedBatch()
    {
        using var folder = new TempFolder();
        var labels = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 10)).ToArray();
        folder.Write("cifar-10-batches-bin/test_batch.bin", Cifar10BinaryFiles.Batch(labels));
        var located = new LocatedDataset(folder.Combine("cifar-10-batches-bin"), DatasetLayout.BinaryFolder, DatasetOrigin.Cache);

        using var test = located.Load(DataSplit.Test);

        test.Count.Should().Be(10_000);
        test.Images[9999, 2, 31, 31].item<float>().Should().Be(Cifar10BinaryFiles.Pixel(9999, 2, 31, 31) / 255f);
    }

    [Test]
    public void ToString_SaysLayoutPathAndOrigin()
    {
        new LocatedDataset("/d/cifar10", DatasetLayout.ImageFolders, DatasetOrigin.EnvironmentPath).ToString()
            .Should().Be("CIFAR-10 as ImageFolders at '/d/cifar10' (found via EnvironmentPath)");
    }
}
