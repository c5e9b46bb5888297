using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Tar;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Data;

/// <summary>
/// The official CIFAR-10 binary release: <c>data_batch_1..5.bin</c> and <c>test_batch.bin</c>, each record
/// 1 label byte then 3072 pixel bytes (the R, G and B planes, each 32x32 row-major), i.e. already [C, H, W].
/// Read from the batch folder, from a folder holding <c>cifar-10-batches-bin/</c>, or streamed straight out of
/// <c>cifar-10-binary.tar.gz</c> without extracting it.
/// </summary>
public static class Cifar10Binary
{
    public const int PixelBytes = 3 * Cifar10.ImageSide * Cifar10.ImageSide;
    public const int RecordBytes = 1 + PixelBytes;
    public const int RecordsPerBatch = 10_000;
    public const string FolderName = "cifar-10-batches-bin";
    public const string TestBatchName = "test_batch.bin";

    public static IReadOnlyList<string> TrainBatchNames { get; } = [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")];

    public static IReadOnlyList<string> BatchNames(DataSplit split) => split == DataSplit.Train ? TrainBatchNames : [TestBatchName];

    /// <param name="path">The batch folder, a folder containing <see cref="FolderName"/>, or the .tar.gz.</param>
    /// <param name="limitPerClass">Keep only the first records of each class, in file order.</param>
    /// <param name="recordsPerBatch">Records each batch must hold: 10 000 in the official release; null accepts any
    /// count (small files written by tests).</param>
    public static LabeledImages Read(string path, DataSplit split, int? limitPerClass = null, int? recordsPerBatch = RecordsPerBatch)
    {
        if (limitPerClass is <= 0)
            throw new ArgumentOutOfRangeException(nameof(limitPerClass), limitPerClass, "must be positive (or null for all records)");
        var batches = IsArchiveName(path) && File.Exists(path)
            ? ReadArchive(path, split)
            : ReadFolder(path, split);
        foreach (var (name, bytes) in batches)
            Validate(name, bytes, recordsPerBatch);
        return Decode(batches, limitPerClass, $"{path} ({split.FolderName()})");
    }

    public static bool IsArchiveName(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder holding the batches: <paramref name="directory"/> itself or its <see cref="FolderName"/>
    /// child; null when neither holds any batch file.</summary>
    public static string? FindBatchFolder(string directory)
    {
        foreach (string candidate in new[] { directory, Path.Combine(directory, FolderName) })
            if (File.Exists(Path.Combine(candidate, TestBatchName)) || File.Exists(Path.Combine(candidate, TrainBatchNames[0])))
                return candidate;
        return null;
    }

    private static List<(string Name, byte[] Bytes)> ReadFolder(string path, DataSplit split)
    {
        if (!Directory.Exists(path))
            throw new FileNotFoundException($"'{path}' does not exist; expected the CIFAR-10 batch folder ({FolderName}) or cifar-10-binary.tar.gz", path);
        string folder = FindBatchFolder(path)
            ?? throw new FileNotFoundException($"'{path}' holds no CIFAR-10 binary batches; expected {string.Join(", ", [.. TrainBatchNames, TestBatchName])} in it or in {Path.Combine(path, FolderName)}");
        return BatchNames(split).Select(name =>
        {
            string file = Path.Combine(folder, name);
            if (!File.Exists(file))
                throw new FileNotFoundException($"'{file}' is missing; expected {string.Join(", ", BatchNames(split))} in '{folder}'", file);
            return (file, File.ReadAllBytes(file));
        }).ToList();
    }

    /// <summary>Streams the archive once, keeping only the wanted batches; nothing is extracted to disk.</summary>
    private static List<(string Name, byte[] Bytes)> ReadArchive(string path, DataSplit split)
    {
        var wanted = BatchNames(split);
        var found = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipInputStream(file);
            using var tar = new TarInputStream(gzip, System.Text.Encoding.UTF8);
            while (tar.GetNextEntry() is { } entry)
            {
                string name = Path.GetFileName(entry.Name.TrimEnd('/'));
                if (entry.IsDirectory || !wanted.Contains(name) || found.ContainsKey(name)) continue;
                if (entry.Size > int.MaxValue)
                    throw new InvalidDataException($"'{path}!{entry.Name}' is {entry.Size} bytes; expected {RecordsPerBatch * RecordBytes}");
                var bytes = new byte[entry.Size];
                tar.ReadExactly(bytes);
                found[name] = ($"{path}!{entry.Name}", bytes);
            }
        }
        catch (Exception e) when (e is SharpZipBaseException or EndOfStreamException)
        {
            throw new InvalidDataException($"'{path}' could not be read as a gzip-compressed tar ({e.Message}); expected the official cifar-10-binary.tar.gz", e);
        }
        string? missing = wanted.FirstOrDefault(n => !found.ContainsKey(n));
        if (missing is not null)
            throw new InvalidDataException($"'{path}' has no {missing}; expected {string.Join(", ", wanted)} under {FolderName}/");
        return wanted.Select(n => found[n]).ToList();
    }

    private static void Validate(string name, byte[] bytes, int? recordsPerBatch)
    {
        if (bytes.Length % RecordBytes != 0)
            throw new InvalidDataException($"'{name}' is truncated: {bytes.Length} bytes is not a multiple of {RecordBytes} (1 label byte + {PixelBytes} pixel bytes per record)");
        int records = bytes.Length / RecordBytes;
        if (records == 0 || (recordsPerBatch is { } expected && records != expected))
            throw new InvalidDataException($"'{name}' holds {records} records; expected {recordsPerBatch?.ToString() ?? "at least 1"} per batch");
        for (int r = 0; r < records; r++)
        {
            byte label = bytes[r * RecordBytes];
            if (label >= Cifar10.ClassNames.Count)
                throw new InvalidDataException($"'{name}' record {r} has label byte {label}; expected 0..{Cifar10.ClassNames.Count - 1}");
        }
    }

    private static LabeledImages Decode(List<(string Name, byte[] Bytes)> batches, int? limitPerClass, string source)
    {
        // Pick records first (label counts only), so the tensor is allocated once at its final size.
        var perClass = new int[Cifar10.ClassNames.Count];
        var chosen = new List<(byte[] Bytes, int Offset)>();
        foreach (var (_, bytes) in batches)
            for (int offset = 0; offset < bytes.Length; offset += RecordBytes)
                if (++perClass[bytes[offset]] <= (limitPerClass ?? int.MaxValue))
                    chosen.Add((bytes, offset));

        var labels = chosen.Select(c => (long)c.Bytes[c.Offset]).ToArray();
        Tensor images = ImageTensorFiller.Create(chosen.Count, Cifar10.ImageSide, Cifar10.ImageSide, (i, destination) =>
        {
            var (bytes, offset) = chosen[i];
            var pixels = bytes.AsSpan(offset + 1, PixelBytes);
            for (int p = 0; p < PixelBytes; p++) destination[p] = ImageTensorFiller.UnitScale[pixels[p]];
        });
        return new LabeledImages(images, torch.tensor(labels), Cifar10.ClassNames, source);
    }
}
