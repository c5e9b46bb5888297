using Repro.Data;

namespace Repro.Unit.Data;

public class Cifar10BinaryTests
{
    private static readonly byte[][] TrainLabels = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 0, 1], [2, 3, 4]];
    private static readonly byte[] TestLabels = [9, 8];

    /// <summary>Five 3-record training batches and a 2-record test batch, records numbered 0.. across the training set.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> SmallRelease()
    {
        for (int b = 0; b < 5; b++) yield return ($"data_batch_{b + 1}.bin", Cifar10BinaryFiles.Batch(TrainLabels[b], firstRecord: 3 * b));
        yield return ("test_batch.bin", Cifar10BinaryFiles.Batch(TestLabels));
    }

    private static void WriteRelease(TempFolder folder, string prefix = "")
    {
        foreach (var (name, bytes) in SmallRelease()) folder.Write(prefix + name, bytes);
    }

    [Test]
    public void Read_Folder_DecodesLabelsAndRgbPlanesInBatchOrder()
    {
        using var folder = new TempFolder();
        WriteRelease(folder);

        using var train = Cifar10Binary.Read(folder.Path, DataSplit.Train, recordsPerBatch: null);

        train.LabelArray().Should().Equal(TrainLabels.SelectMany(l => l).Select(l => (long)l));
        train.Images.shape.Should().Equal(15, 3, 32, 32);
        train.ClassNames.Should().Equal(Cifar10.ClassNames);
        foreach (var (r, c, y, x) in new[] { (0, 0, 0, 0), (4, 1, 5, 31), (14, 2, 31, 7) })
            train.Images[r, c, y, x].item<float>().Should().Be(Cifar10BinaryFiles.Pixel(r, c, y, x) / 255f, $"record {r} channel {c} ({y}, {x})");
    }

    [Test]
    public void Read_TestSplit_ReadsTestBatchOnly()
    {
        using var folder = new TempFolder();
        WriteRelease(folder);

        using var test = Cifar10Binary.Read(folder.Path, DataSplit.Test, recordsPerBatch: null);

        test.LabelArray().Should().Equal(9, 8);
    }

    [Test]
    public void Read_ParentOfBatchFolder_FindsCifar10BatchesBin()
    {
        using var folder = new TempFolder();
        WriteRelease(folder, "cifar-10-batches-bin/");

        using var test = Cifar10Binary.Read(folder.Path, DataSplit.Test, recordsPerBatch: null);

        test.Count.Should().Be(2);
    }

    [Test]
    public void Read_TarGz_StreamsTheBatchesWhateverTheirOrderInTheArchive()
    {
        using var folder = new TempFolder();
        string archive = folder.Combine("cifar-10-binary.tar.gz");
        var entries = SmallRelease().Select(e => ($"cifar-10-batches-bin/{e.Name}", e.Bytes)).Reverse()
            .Append(("cifar-10-batches-bin/batches.meta.txt", "airplane\n"u8.ToArray()));
        Cifar10BinaryFiles.WriteTarGz(archive, entries);

        using var train = Cifar10Binary.Read(archive, DataSplit.Train, recordsPerBatch: null);
        using var test = Cifar10Binary.Read(archive, DataSplit.Test, recordsPerBatch: null);

        train.LabelArray().Should().Equal(TrainLabels.SelectMany(l => l).Select(l => (long)l));
        train.Images[7, 2, 3, 4].item<float>().Should().Be(Cifar10BinaryFiles.Pixel(7, 2, 3, 4) / 255f);
        test.LabelArray().Should().Equal(9, 8);
        folder.Files().Should().Equal(["cifar-10-binary.tar.gz"], "the archive is read without extracting anything");
    }

    [Test]
    public void Read_TruncatedBatch_ThrowsNamingFileAndExpectedLength()
    {
        using var folder = new TempFolder();
        WriteRelease(folder);
        byte[] truncated = Cifar10BinaryFiles.Batch([1, 2])[..(2 * 3073 - 5)];
        string file = folder.Write("test_batch.bin", truncated);

        var read = () => Cifar10Binary.Read(folder.Path, DataSplit.Test, recordsPerBatch: null);

        read.Should().Throw<InvalidDataException>()
            .WithMessage($"'{file}' is truncated: {2 * 3073 - 5} bytes is not a multiple of 3073*");
    }

    [Test]
    public void Read_BadLabelByte_ThrowsNamingFileRecordAndValidRange()
    {
        using var folder = new TempFolder();
        WriteRelease(folder);
        string file = folder.Write("data_batch_3.bin", Cifar10BinaryFiles.Batch([1, 10, 2]));

        var read = () => Cifar10Binary.Read(folder.Path, DataSplit.Train, recordsPerBatch: null);

        read.Should().Throw<InvalidDataException>().WithMessage($"'{file}' record 1 has label byte 10; expected 0..9");
    }

    [Test]
    public void Read_OfficialRecordCount_RejectsBatchWithoutTenThousandRecords()
    {
        using var folder = new TempFolder();
        WriteRelease(folder);

        var read = () => Cifar10Binary.Read(folder.Path, DataSplit.Test);

        read.Should().Throw<InvalidDataException>().WithMessage("*test_batch.bin' holds 2 records; expected 10000 per batch");
    }

    [Test]
    public void Read_MissingBatch_ThrowsNamingTheMissingFile()
    {
        using var folder = new TempFolder();
        WriteRelease(folder);
        File.Delete(folder.Combine("data_batch_4.bin"));

        var read = () => Cifar10Binary.Read(folder.Path, DataSplit.Train, recordsPerBatch: null);

        read.Should().Throw<FileNotFoundException>().WithMessage("*data_batch_4.bin' is missing*");
    }

    [Test]
    public void Read_TarGzWithoutABatch_ThrowsNamingArchiveAndBatch()
    {
        using var folder = new TempFolder();
        string archive = folder.Combine("cifar-10-binary.tar.gz");
        Cifar10BinaryFiles.WriteTarGz(archive, SmallRelease().Where(e => e.Name != "data_batch_2.bin"));

        var read = () => Cifar10Binary.Read(archive, DataSplit.Train, recordsPerBatch: null);

        read.Should().Throw<InvalidDataException>().WithMessage($"'{archive}' has no data_batch_2.bin*");
    }

    [Test]
    public void Read_FileThatIsNotGzip_ThrowsNamingIt()
    {
        using var folder = new TempFolder();
        string archive = folder.Write("cifar-10-binary.tar.gz", "not gzip at all"u8.ToArray());

        var read = () => Cifar10Binary.Read(archive, DataSplit.Test);

        read.Should().Throw<InvalidDataException>().WithMessage($"'{archive}' could not be read as a gzip-compressed tar*");
    }

    [Test]
    public void Read_FolderWithoutBatches_ThrowsListingExpectedFiles()
    {
        using var folder = new TempFolder();

        var read = () => Cifar10Binary.Read(folder.Path, DataSplit.Test);

        read.Should().Throw<FileNotFoundException>().WithMessage("*holds no CIFAR-10 binary batches; expected data_batch_1.bin*test_batch.bin*");
    }

    [Test]
    public void Read_LimitPerClass_KeepsTheFirstRecordsOfEachClass()
    {
        using var folder = new TempFolder();
        WriteRelease(folder);

        using var train = Cifar10Binary.Read(folder.Path, DataSplit.Train, limitPerClass: 1, recordsPerBatch: null);

        train.LabelArray().Should().Equal(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        train.Images[9, 0, 0, 0].item<float>().Should().Be(Cifar10BinaryFiles.Pixel(9, 0, 0, 0) / 255f, "class 9 first appears as record 9");
    }
}
