using System.Security.Cryptography;

namespace Repro.Models.Foreign;

/// <summary>
/// The architecture of a model loaded from a file: its name and the hashes of the file and its metadata. Two loads of
/// the same bytes describe themselves identically wherever the file lies, and a changed file changes every recipe or
/// cache key built on it. <see cref="ArchitectureSpec.Create"/> loads the file again (a copy with the file's weights:
/// a foreign network has no initialisation of its own to start from).
/// </summary>
public sealed record LoadedModelSpec(string Path, string Name, string FileHash, ModelMetadata Metadata) : ArchitectureSpec
{
    /// <summary>The Repro architecture the file holds the weights of (its metadata's "architecture"); null for a whole network (TorchScript, ONNX).</summary>
    public ArchitectureSpec? Network { get; init; }

    public override string DisplayName => Name;

    public override string Describe() => Network is not null
        ? $"Repro({Name};{Network.Describe()};sha256={FileHash[..16]};meta={MetadataHash[..16]})"
        : $"{(ForeignModels.IsOnnx(Path) ? "Onnx" : "TorchScript")}({Name};sha256={FileHash[..16]};meta={MetadataHash[..16]})";

    public string MetadataHash => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Metadata.Describe())));

    protected override Classifier Build(InputShape input, int classes)
    {
        var model = ForeignModels.Load(Path, Metadata, Network is null ? Array.Empty<ArchitectureSpec>() : new[] { Network });
        if (model.Architecture.Describe() != Describe())
            throw new ForeignModelException($"'{Path}' changed since it was loaded (now {model.Architecture.Describe()}, was {Describe()})");
        if (!input.Equals(model.Input) || classes != model.Classes)
            throw new ArgumentException($"'{Path}' takes {model.Input.Describe()} with {model.Classes} classes, not {input.Describe()} with {classes}");
        return model;
    }

    public bool Equals(LoadedModelSpec? other) => other is not null && Describe() == other.Describe();
    public override int GetHashCode() => Describe().GetHashCode();

    public static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
