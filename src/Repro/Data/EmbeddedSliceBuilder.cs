using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Repro.Data;

/// <summary>
/// Builds the committed CIFAR-10 slice from CIFAR-10 image folders (<c>train/&lt;class&gt;/*</c>,
/// <c>test/&lt;class&gt;/*</c>): a class-balanced seeded draw whose ORIGINAL file bytes are stored (never
/// re-encoded) in one zip with a <see cref="SliceManifest"/>. Same inputs and seed give a byte-identical zip
/// on a given operating system family (the zip format records the platform that wrote it).
/// </summary>
public static class EmbeddedSliceBuilder
{
    /// <summary>DOS time has no "unset": a fixed stamp keeps the archive byte-identical across builds.</summary>
    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="sourceRoot">Folder with train/ and test/ image folders in CIFAR-10's class names.</param>
    /// <param name="outputZip">Written atomically (temp file + rename); never left half-written.</param>
    /// <param name="trainPerClass">Training images drawn per class.</param>
    /// <param name="testPerClass">Test images drawn per class.</param>
    /// <param name="seed">Seeds one <see cref="SplitMix64"/> stream per (split, class).</param>
    /// <param name="overwrite">Replace an existing <paramref name="outputZip"/>; without it, an existing file is an error and stays as it was.</param>
    public static SliceManifest Build(string sourceRoot, string outputZip, int trainPerClass, int testPerClass, int seed, bool overwrite = false)
    {
        if (trainPerClass <= 0) throw new ArgumentOutOfRangeException(nameof(trainPerClass), trainPerClass, "must be positive");
        if (testPerClass <= 0) throw new ArgumentOutOfRangeException(nameof(testPerClass), testPerClass, "must be positive");
        CheckSource(sourceRoot);
        string fullOutput = Path.GetFullPath(outputZip);
        if (Directory.Exists(fullOutput)) throw new ArgumentException($"'{fullOutput}' is a folder; expected the path of the .zip to write");
        if (!overwrite && File.Exists(fullOutput)) throw new IOException($"'{fullOutput}' already exists and is left as it was; replacing it needs overwrite");

        var chosen = Draw(sourceRoot, DataSplit.Train, trainPerClass, seed).Concat(Draw(sourceRoot, DataSplit.Test, testPerClass, seed)).ToList();
        SliceManifest? manifest = null;
        Storage.AtomicFile.Write(fullOutput, stream => manifest = WriteZip(sourceRoot, chosen, stream), overwrite);
        return manifest!;
    }

    /// <summary>Throws, saying what is expected, unless <paramref name="sourceRoot"/> is a folder (the image folders are checked as they are read).</summary>
    public static void CheckSource(string sourceRoot)
    {
        if (File.Exists(sourceRoot))
            throw new ArgumentException($"'{sourceRoot}' is a file; the slice is built from CIFAR-10 image folders (train/<class>/<image>, test/<class>/<image>), " +
                "whose original image bytes it keeps, so archives and binary batches cannot be its source: extract the images into folders first");
        if (!Directory.Exists(sourceRoot))
            throw new DirectoryNotFoundException($"'{sourceRoot}' does not exist; expected CIFAR-10 image folders train/<class>/<image> and test/<class>/<image>");
    }

    /// <summary>Relative paths (split/class/file) of the drawn images: per class, the ordinally sorted file list is
    /// shuffled by its own seeded stream, the first <paramref name="perClass"/> kept, then re-sorted ordinally.</summary>
    internal static IEnumerable<string> Draw(string sourceRoot, DataSplit split, int perClass, int seed)
    {
        for (int label = 0; label < Cifar10.ClassNames.Count; label++)
        {
            string className = Cifar10.ClassNames[label];
            string folder = Path.Combine(sourceRoot, split.FolderName(), className);
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException($"'{folder}' does not exist; expected {split.FolderName()}/<class>/<image> for each of {string.Join(", ", Cifar10.ClassNames)}");
            var files = Directory.EnumerateFiles(folder)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(f => ImageFolderReader.ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count < perClass)
                throw new InvalidDataException($"'{folder}' holds {files.Count} images; expected at least {perClass} to draw from");
            SplitMix64.ForStream(seed, (long)split, label).Shuffle(files);
            foreach (string file in files.Take(perClass).Order(StringComparer.Ordinal))
                yield return $"{split.FolderName()}/{className}/{file}";
        }
    }

    private static SliceManifest WriteZip(string sourceRoot, List<string> chosen, Stream file)
    {
        var entries = new List<SliceManifest.Entry>(chosen.Count);
        var decoded = new float[Cifar10.Sizing.PixelsPerImage];
        using (var archive = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (string relative in chosen)
            {
                string source = Path.Combine(sourceRoot, relative);
                byte[] bytes = File.ReadAllBytes(source);
                // Decoding each file once proves it is a 32x32 image before the slice can replace the old one.
                ImageFolderReader.DecodeInto(bytes, source, Cifar10.Sizing, decoded);
                // Stored, not deflated: JPEG and PNG are compressed already, and stored entries keep the zip deterministic.
                AddEntry(archive, relative, bytes, CompressionLevel.NoCompression);
                entries.Add(new SliceManifest.Entry(relative, relative, Convert.ToHexStringLower(SHA256.HashData(bytes))));
            }
            var manifest = new SliceManifest(entries);
            AddEntry(archive, SliceManifest.FileName, Encoding.UTF8.GetBytes(manifest.Format()), CompressionLevel.NoCompression);
            return manifest;
        }
    }

    private static void AddEntry(ZipArchive archive, string name, byte[] bytes, CompressionLevel level)
    {
        ZipArchiveEntry entry = archive.CreateEntry(name, level);
        entry.LastWriteTime = FixedTimestamp;
        using Stream stream = entry.Open();
        stream.Write(bytes);
    }
}
