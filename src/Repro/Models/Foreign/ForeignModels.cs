namespace Repro.Models.Foreign;

/// <summary>
/// A user's model file by what its metadata and contents say: the metadata's "architecture" makes it the weights of
/// a Repro architecture (<see cref="ReproArchitectureClassifier"/>); otherwise ".onnx" is ONNX and anything else TorchScript
/// (torch.jit.save writes .pt). A weights-only file without an "architecture" is refused, naming the field.
/// </summary>
public static class ForeignModels
{
    public static bool IsOnnx(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>A TorchScript or ONNX file with the metadata beside it (no Repro architectures to look one up in).</summary>
    public static ForeignClassifier Load(string path) => Load(path, Array.Empty<ArchitectureSpec>());

    /// <summary>A model file with the metadata beside it; <paramref name="architectures"/>: those its "architecture" may name.</summary>
    public static ForeignClassifier Load(string path, IReadOnlyCollection<ArchitectureSpec> architectures)
    {
        if (Directory.Exists(path)) throw new ForeignModelException($"'{path}' is a folder; expected a model file (TorchScript, ONNX, or a Repro architecture's weights) with its <stem>.json metadata beside it");
        if (!File.Exists(path)) throw new ForeignModelException($"model file '{path}' does not exist");
        return Load(path, ModelMetadata.Read(ModelMetadata.PathBeside(path), path), architectures);
    }

    public static ForeignClassifier Load(string path, ModelMetadata metadata, IReadOnlyCollection<ArchitectureSpec> architectures)
    {
        if (metadata.Architecture is { } described)
        {
            var architecture = architectures.FirstOrDefault(a => a.Describe() == described)
                ?? throw new ForeignModelException($"metadata '{ModelMetadata.PathBeside(path)}': architecture \"{described}\" is none this build of Repro knows; " +
                    (architectures.Count == 0 ? "no Repro architectures were given to look it up in" : $"known: {string.Join(", ", architectures.Select(a => a.Describe()))}"));
            return ReproArchitectureClassifier.Load(path, metadata, architecture);
        }
        if (IsOnnx(path)) return OnnxClassifier.Load(path, metadata);
        var kind = File.Exists(path) ? ModelFileKinds.Of(path) : ModelFileKind.Other;
        if (kind is ModelFileKind.Safetensors or ModelFileKind.TorchSaveStateDict)
            throw new ForeignModelException($"'{path}' is {ModelFileKinds.Describe(kind)}, not a whole network; name the Repro architecture it holds in its metadata " +
                $"'{ModelMetadata.PathBeside(path)}' as \"architecture\" (e.g. \"ResNet(basic;1-1-1;w16;stem2)\", as `ArchitectureSpec.Describe` and a cache manifest's recipe print it), " +
                "or give a TorchScript (torch.jit.save) or ONNX file");
        return TorchScriptClassifier.Load(path, metadata);
    }
}
