using System.Security.Cryptography;
using Repro.Data;
using Repro.Models.Foreign;

namespace Repro.Audit;

/// <summary>
/// The images an audit runs on: a labelled test set, its attacked draw S and S's P-RGF subset (drawn as the harness
/// draws them: SampleDraw with the sample seed, the subset with seed + 1), and, for hardening, training images.
/// From the embedded CIFAR-10 slice ("embedded") or an image folder: DIR/test/&lt;class&gt;/* (+ DIR/train/&lt;class&gt;/*) or
/// DIR/&lt;class&gt;/* (test images only). Folder classes must be the models' classes, by name.
/// </summary>
public sealed class AuditImages : IDisposable
{
    public const string Embedded = "embedded";

    AuditImages(LabeledImages test, LabeledImages? train, string identity, AuditSettings settings)
    {
        if (settings.AttackSamples > test.Count)
            throw new ArgumentException($"--samples {settings.AttackSamples} exceeds the {test.Count} test images of {test.Source}");
        Test = test;
        Train = train;
        Identity = identity;
        AttackIndices = SampleDraw.Draw(test.Count, settings.AttackSamples, settings.SampleSeed);
        QueryIndices = SampleDraw.Draw(settings.AttackSamples, settings.QuerySamples, settings.SampleSeed + 1).Select(i => AttackIndices[i]).ToArray();
    }

    public LabeledImages Test { get; }
    public LabeledImages? Train { get; }
    public string Identity { get; }
    public long[] AttackIndices { get; }
    public long[] QueryIndices { get; }

    /// <summary>Reads <paramref name="data"/> ("embedded" or a folder) sized for <paramref name="metadata"/>, its classes checked against the model's.</summary>
    public static AuditImages Load(string data, ModelMetadata metadata, AuditSettings settings, bool needTrain)
    {
        if (data == Embedded)
        {
            var test = EmbeddedSlice.Load(DataSplit.Test);
            RequireClasses(test.ClassNames, metadata, "the embedded CIFAR-10 slice");
            if (metadata.Height != test.Height || metadata.Width != test.Width || metadata.Resize is not null)
                throw new ForeignModelException($"the models take {metadata.Height}x{metadata.Width} images; the embedded CIFAR-10 slice is 32x32 (give --data a folder of your images)");
            return new AuditImages(test, needTrain ? EmbeddedSlice.Load(DataSplit.Train) : null, "cifar10-slice:" + FileHash(EmbeddedSlice.Path), settings);
        }
        if (!Directory.Exists(data) && !File.Exists(data))
            throw new DirectoryNotFoundException($"--data '{data}' does not exist; expected '{Embedded}' or a folder <dir>/[test/]<class>/<image>");
        ImageSizing sizing = metadata.Resize is int resize
            ? (metadata.Height == metadata.Width ? new ImageSizing.ResizeCenterCrop(resize, metadata.Height)
                : throw new ForeignModelException($"resize + centre crop needs a square input, the metadata says {metadata.Height}x{metadata.Width}"))
            : new ImageSizing.Exact(metadata.Height, metadata.Width);
        bool split = Directory.Exists(Path.Combine(data, "test"));
        var testImages = Read(data, sizing, metadata, split ? "test" : null);
        LabeledImages? train = null;
        if (needTrain)
        {
            if (!Directory.Exists(Path.Combine(data, "train")))
                throw new DirectoryNotFoundException($"hardening fine-tunes on training images: --data '{data}' has no train/<class>/<image> folder");
            train = Read(data, sizing, metadata, "train");
        }
        return new AuditImages(testImages, train, $"folder:{Path.GetFullPath(data)}:{testImages.Count}:{sizing}", settings);
    }

    static LabeledImages Read(string data, ImageSizing sizing, ModelMetadata metadata, string? split)
    {
        try
        {
            return ImageFolderReader.Read(data, sizing, metadata.Classes, split);
        }
        catch (InvalidDataException e) when (e.Message.Contains("class", StringComparison.OrdinalIgnoreCase))
        {
            throw new ForeignModelException($"the classes of --data '{data}' do not match the models' ({string.Join(", ", metadata.Classes)}): {e.Message}", e);
        }
    }

    static void RequireClasses(IReadOnlyList<string> data, ModelMetadata metadata, string what)
    {
        if (!data.SequenceEqual(metadata.Classes))
            throw new ForeignModelException($"the models' classes ({string.Join(", ", metadata.Classes)}) are not those of {what} ({string.Join(", ", data)}), in that order");
    }

    static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }

    public void Dispose()
    {
        Test.Dispose();
        Train?.Dispose();
    }
}
