using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Repro.Data;

/// <summary>
/// MANIFEST.tsv of a data slice archive: one line per image entry with the path it had in the source and the
/// SHA-256 of its bytes, so that anyone can check the slice holds the untouched original files.
/// </summary>
public sealed record SliceManifest(IReadOnlyList<SliceManifest.Entry> Entries)
{
    public const string FileName = "MANIFEST.tsv";
    private const string Header = "entry\tsource\tsha256";

    /// <param name="EntryPath">Path inside the archive, e.g. train/cat/0123.jpg.</param>
    /// <param name="SourcePath">Path relative to the source folder it was copied from.</param>
    /// <param name="Sha256">Lower-case hex SHA-256 of the bytes.</param>
    public sealed record Entry(string EntryPath, string SourcePath, string Sha256);

    /// <summary>Tab-separated, LF line ends, a header line: readable in a diff and by any spreadsheet.</summary>
    public string Format()
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var e in Entries) text.Append(e.EntryPath).Append('\t').Append(e.SourcePath).Append('\t').Append(e.Sha256).Append('\n');
        return text.ToString();
    }

    public static SliceManifest Parse(string text, string name)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != Header)
            throw new InvalidDataException($"'{name}' does not start with the header line '{Header.Replace("\t", "<TAB>")}'");
        var entries = lines.Skip(1).Select((line, i) =>
        {
            var fields = line.Split('\t');
            if (fields.Length != 3 || fields[2].Length != 64)
                throw new InvalidDataException($"'{name}' line {i + 2} is '{line}'; expected entry<TAB>source<TAB>64-hex-digit SHA-256");
            return new Entry(fields[0], fields[1], fields[2]);
        }).ToArray();
        return new SliceManifest(entries);
    }

    /// <summary>The manifest stored in <paramref name="zipPath"/>.</summary>
    public static SliceManifest Read(string zipPath)
    {
        using ZipArchive archive = ZipFile.OpenRead(zipPath);
        ZipArchiveEntry entry = archive.GetEntry(FileName)
            ?? throw new InvalidDataException($"'{zipPath}' has no {FileName}; expected one listing every image entry");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return Parse(reader.ReadToEnd(), $"{zipPath}!{FileName}");
    }

    /// <summary>Checks that the archive holds exactly the listed entries (besides the manifest) with those hashes.</summary>
    public static void Verify(string zipPath)
    {
        var manifest = Read(zipPath);
        using ZipArchive archive = ZipFile.OpenRead(zipPath);
        var listed = manifest.Entries.ToDictionary(e => e.EntryPath, StringComparer.Ordinal);
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            if (entry.FullName == FileName) continue;
            if (!listed.Remove(entry.FullName, out var expected))
                throw new InvalidDataException($"'{zipPath}!{entry.FullName}' is not listed in {FileName}");
            using var stream = entry.Open();
            string actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (actual != expected.Sha256)
                throw new InvalidDataException($"'{zipPath}!{entry.FullName}' has SHA-256 {actual}; {FileName} expects {expected.Sha256}");
        }
        if (listed.Count > 0)
            throw new InvalidDataException($"'{zipPath}' lacks {listed.Count} entries listed in {FileName}, e.g. '{listed.Keys.First()}'");
    }
}
