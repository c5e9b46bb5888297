using System.IO.Compression;

namespace Repro.Data;

public static partial class ImageFolderReader
{
    /// <summary>The encoded formats read here (StbImageSharp decodes them); other files, such as a README or
    /// .DS_Store, are skipped as torchvision's ImageFolder skips them.</summary>
    public static IReadOnlyList<string> ImageExtensions { get; } = [".png", ".jpg", ".jpeg"];

    private static bool IsImageName(string name) =>
        !Path.GetFileName(name).StartsWith('.')
        && ImageExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase);

    /// <summary>Class folders of <c>root/&lt;class&gt;/…</c> and the image files at any depth below them.</summary>
    private static (HashSet<string> Classes, List<ImageFolderEntry> Images) ListDirectory(string root)
    {
        var classes = new HashSet<string>(StringComparer.Ordinal);
        var images = new List<ImageFolderEntry>();
        foreach (string classDirectory in Directory.EnumerateDirectories(root))
        {
            string className = Path.GetFileName(classDirectory);
            if (className.StartsWith('.')) continue;
            classes.Add(className);
            foreach (string file in Directory.EnumerateFiles(classDirectory, "*", SearchOption.AllDirectories))
            {
                if (!IsImageName(file)) continue;
                string relative = Path.GetRelativePath(classDirectory, file).Replace('\\', '/');
                images.Add(new ImageFolderEntry(className, relative, file, () => File.ReadAllBytes(file)));
            }
        }
        return (classes, images);
    }

    /// <summary>The same for the entries <c>prefix/&lt;class&gt;/…</c> of an open archive; other entries
    /// (another split, a MANIFEST.tsv) are skipped.</summary>
    private static (HashSet<string> Classes, List<ImageFolderEntry> Images) ListArchive(ZipArchive archive, string archivePath, string? prefix)
    {
        var classes = new HashSet<string>(StringComparer.Ordinal);
        var images = new List<ImageFolderEntry>();
        string start = prefix is null ? "" : prefix.TrimEnd('/') + "/";
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            string name = entry.FullName.Replace('\\', '/');
            if (!name.StartsWith(start, StringComparison.Ordinal)) continue;
            string rest = name[start.Length..];
            int slash = rest.IndexOf('/');
            if (slash <= 0 || rest.StartsWith('.')) continue;
            string className = rest[..slash];
            string relative = rest[(slash + 1)..];
            classes.Add(className);
            if (relative.Length == 0 || relative.EndsWith('/') || !IsImageName(relative)) continue;
            images.Add(new ImageFolderEntry(className, relative, $"{archivePath}!{name}", () => ReadEntry(entry)));
        }
        return (classes, images);
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry)
    {
        using Stream stream = entry.Open();
        var bytes = new byte[entry.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
