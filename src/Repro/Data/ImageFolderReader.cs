using System.IO.Compression;
using StbImageSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Data;

/// <summary>
/// Reads torchvision's ImageFolder layout, <c>root/&lt;class&gt;/&lt;image&gt;</c> (CIFAR-10 image folders, an
/// ImageNet validation folder), from a directory or from a .zip archive holding that layout under a split
/// prefix (<c>train/cat/0001.jpg</c>). PNG and JPEG, always decoded to 3-channel RGB: grey is replicated and
/// alpha dropped, as PIL's convert("RGB") in torchvision's loader does.
/// Order: by label, then by path below the class folder (ordinal), so a run never depends on the file system.
/// </summary>
public static partial class ImageFolderReader
{
    /// <param name="path">A folder <c>path/[split/]&lt;class&gt;/&lt;image&gt;</c>, or a .zip with entries <c>[split/]&lt;class&gt;/&lt;image&gt;</c>.</param>
    /// <param name="sizing">Exact size (CIFAR) or resize + centre crop (ImageNet evaluation).</param>
    /// <param name="classNames">Label order (index = label), e.g. <see cref="Cifar10.ClassNames"/>; null: the class
    /// folders sorted ordinally. A folder not in the list, or a listed class without images, is an error.</param>
    /// <param name="split">Sub-folder or entry prefix ("train", "test"); null reads <paramref name="path"/> itself.</param>
    /// <param name="limitPerClass">Keep only the first images of each class in the order above.</param>
    /// <param name="indices">Decode only these positions of that order (an ImageNet validation folder has 50 000
    /// images; the attacked draw needs 1 000 of them); null decodes all.</param>
    public static LabeledImages Read(
        string path, ImageSizing sizing, IReadOnlyList<string>? classNames = null, string? split = null, int? limitPerClass = null,
        IReadOnlyList<long>? indices = null)
    {
        if (limitPerClass is <= 0)
            throw new ArgumentOutOfRangeException(nameof(limitPerClass), limitPerClass, "must be positive (or null for all images)");
        if (File.Exists(path))
        {
            if (!HasZipSignature(path))
                throw new InvalidDataException($"'{path}' is a file but not a .zip archive; expected a folder <root>/<class>/<image> or a .zip of that layout");
            using ZipArchive archive = OpenZip(path);
            string where = split is null ? path : $"{path}!{split}/";
            var (classes, images) = ListArchive(archive, path, split);
            return Decode(where, classes, images, sizing, classNames, limitPerClass, indices);
        }
        if (Directory.Exists(path))
        {
            string root = split is null ? path : Path.Combine(path, split);
            if (!Directory.Exists(root))
                throw new DirectoryNotFoundException($"'{path}' has no '{split}' folder; expected {root}/<class>/<image>");
            var (classes, images) = ListDirectory(root);
            return Decode(root, classes, images, sizing, classNames, limitPerClass, indices);
        }
        throw new FileNotFoundException($"'{path}' does not exist; expected a folder <root>/<class>/<image> or a .zip of that layout", path);
    }

    /// <summary>How many images <see cref="Read"/> would return (no decoding): the population a sample is drawn from.</summary>
    public static int Count(string path, string? split = null)
    {
        if (File.Exists(path))
        {
            using ZipArchive archive = OpenZip(path);
            return ListArchive(archive, path, split).Images.Count;
        }
        string root = split is null ? path : Path.Combine(path, split);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"'{root}' does not exist; expected <root>/<class>/<image>");
        return ListDirectory(root).Images.Count;
    }

    /// <summary>By content, not by name: an archive saved under another extension still reads, a stray file does not.</summary>
    private static bool HasZipSignature(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic[0] == 'P' && magic[1] == 'K'
            && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
    }

    private static ZipArchive OpenZip(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' is not a readable .zip archive ({e.Message}); expected entries <split>/<class>/<image>", e);
        }
    }

    private static LabeledImages Decode(
        string where, HashSet<string> folders, List<ImageFolderEntry> images, ImageSizing sizing,
        IReadOnlyList<string>? classNames, int? limitPerClass, IReadOnlyList<long>? indices)
    {
        IReadOnlyList<string> classes = ResolveClasses(where, folders, classNames);
        var labelOf = classes.Select((name, label) => (name, label)).ToDictionary(p => p.name, p => p.label, StringComparer.Ordinal);
        var chosen = images
            .GroupBy(e => labelOf[e.ClassName])
            .OrderBy(g => g.Key)
            .SelectMany(g => g.OrderBy(e => e.RelativePath, StringComparer.Ordinal).Take(limitPerClass ?? int.MaxValue))
            .ToList();
        var present = chosen.Select(e => e.ClassName).ToHashSet(StringComparer.Ordinal);
        string? missing = classes.FirstOrDefault(c => !present.Contains(c));
        if (missing is not null)
            throw new InvalidDataException($"class '{missing}' has no PNG or JPEG images in '{where}'; expected at least one {where}/{missing}/<image>");

        if (indices is not null)
        {
            var bad = indices.FirstOrDefault(i => i < 0 || i >= chosen.Count, -1);
            if (bad != -1) throw new ArgumentOutOfRangeException(nameof(indices), bad, $"'{where}' has {chosen.Count} images; index {bad} is outside it");
            chosen = indices.Select(i => chosen[(int)i]).ToList();
        }
        var labels = chosen.Select(e => (long)labelOf[e.ClassName]).ToArray();
        Tensor tensor = ImageTensorFiller.Create(chosen.Count, sizing.Height, sizing.Width,
            (i, destination) => DecodeInto(chosen[i], sizing, destination));
        return new LabeledImages(tensor, torch.tensor(labels), classes, where);
    }

    private static IReadOnlyList<string> ResolveClasses(string where, HashSet<string> folders, IReadOnlyList<string>? classNames)
    {
        if (classNames is null)
        {
            if (folders.Count == 0)
                throw new InvalidDataException($"'{where}' holds no class folders; expected {where}/<class>/<image>");
            return folders.Order(StringComparer.Ordinal).ToArray();
        }
        var duplicate = classNames.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"class list names '{duplicate.Key}' twice; each label needs one class", nameof(classNames));
        string? unknown = folders.Order(StringComparer.Ordinal).FirstOrDefault(f => !classNames.Contains(f, StringComparer.Ordinal));
        if (unknown is not null)
            throw new InvalidDataException(
                $"'{Path.Combine(where, unknown)}' is not one of the {classNames.Count} expected classes ({string.Join(", ", classNames)})");
        return classNames.ToArray();
    }

    private static void DecodeInto(ImageFolderEntry entry, ImageSizing sizing, Span<float> destination) =>
        DecodeInto(entry.ReadBytes(), entry.DisplayPath, sizing, destination);

    /// <summary>A decoder's message as it may be printed: the decoder may quote bytes of the damaged file (NULs of a truncated PNG).</summary>
    static string Printable(string message)
    {
        var text = new string(message.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return text.Length == 0 ? "the decoder gave no readable reason" : text.Length > 200 ? text[..200] + "..." : text;
    }

    /// <summary>Decodes one encoded image to RGB and writes it through <paramref name="sizing"/>; errors name <paramref name="name"/>.</summary>
    internal static void DecodeInto(byte[] encoded, string name, ImageSizing sizing, Span<float> destination)
    {
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(encoded, ColorComponents.RedGreenBlue);
        }
        catch (Exception e)
        {
            throw new InvalidDataException($"'{name}' could not be decoded ({Printable(e.Message)}); expected a PNG or JPEG image", e);
        }
        sizing.Write(image.Data, image.Width, image.Height, name, destination);
    }
}
