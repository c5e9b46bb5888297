using System.Text.Json;
using Repro.Data;
using Repro.Harness.Artifacts;
using Repro.Models;
using Repro.Models.Foreign;
using Repro.Profiles;

namespace Repro.Harness;

/// <summary>
/// The model files `repro audit`, `repro harden` and `repro serve` read, as one list: each loader recognises its kind
/// of file and the first that does loads it as a <see cref="ForeignClassifier"/>. A Repro cache artifact (its folder,
/// or the model.bin in it) takes its architecture from the manifest's recipe and its preprocessing from the data it was
/// trained on; every other file has its &lt;stem&gt;.json metadata beside it (Models/Foreign), whose "architecture", when
/// present, makes the file the weights of that Repro architecture.
/// </summary>
public static class ModelFiles
{
    /// <summary>One kind of model file: whether it is this kind, and how to load it.</summary>
    public sealed record Loader(string Kind, Func<string, bool> Recognises, Func<string, ForeignClassifier> Load);

    static readonly string[] TorchScriptExtensions = { ".pt", ".ts", ".jit", ".pth" };

    /// <summary>The loaders tried in order; another format is one more entry.</summary>
    public static IReadOnlyList<Loader> Loaders { get; } = new[]
    {
        new Loader("Repro cache artifact (its folder, or the model.bin in it, with manifest.json)", IsCacheArtifact, LoadCacheArtifact),
        new Loader("ONNX file (.onnx + <stem>.json metadata)", path => File.Exists(path) && ForeignModels.IsOnnx(path), LoadFile),
        new Loader("Repro architecture's weights (.safetensors, or a torch.save or TorchSharp state dict, + <stem>.json metadata naming its \"architecture\")", IsReproWeights, LoadFile),
        new Loader("TorchScript file (.pt, .ts, .jit, .pth + <stem>.json metadata)",
            path => File.Exists(path) && TorchScriptExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase), LoadFile),
    };

    /// <summary>The model in <paramref name="path"/>, checked (it runs, and gives finite outputs of the metadata's classes) before anything uses it.</summary>
    public static ForeignClassifier Load(string path, string what = "model")
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new ForeignModelException($"{what} '{path}' does not exist; expected {Expected}");
        var loader = Loaders.FirstOrDefault(l => l.Recognises(path))
            ?? throw new ForeignModelException($"{what} '{path}' is none of the model files Repro reads: {string.Join("; ", Loaders.Select(l => l.Kind))}");
        return loader.Load(path);
    }

    static string Expected => "a Repro cache artifact (its folder, or the model.bin in it), or a TorchScript, ONNX or Repro-architecture weights file with its <stem>.json metadata beside it";

    /// <summary>A cache artifact's folder name; a model file's stem.</summary>
    public static string DefaultName(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(full)) return Path.GetFileName(full);
        return Path.GetFileName(full) == "model.bin" && IsCacheArtifact(full) ? Path.GetFileName(Path.GetDirectoryName(full)!) : Path.GetFileNameWithoutExtension(full);
    }

    static ForeignClassifier LoadFile(string path) => ForeignModels.Load(path, KnownArchitectures.All);

    static bool IsReproWeights(string path)
    {
        if (!File.Exists(path) || ForeignModels.IsOnnx(path)) return false;
        if (Path.GetExtension(path).Equals(".safetensors", StringComparison.OrdinalIgnoreCase)) return true;
        var metadata = ModelMetadata.PathBeside(path);
        if (!File.Exists(metadata)) return false;
        try
        {
            return ModelMetadata.Read(metadata, path).Architecture is not null;
        }
        catch (ForeignModelException)
        {
            // A malformed metadata file: the loader that takes the file reads it again and says what is wrong.
            return false;
        }
    }

    static string? ArtifactFolder(string path) =>
        Directory.Exists(path) ? path : Path.GetFileName(path) == "model.bin" ? Path.GetDirectoryName(Path.GetFullPath(path)) : null;

    static bool IsCacheArtifact(string path) => ArtifactFolder(path) is { } folder && File.Exists(Path.Combine(folder, "manifest.json"));

    /// <summary>
    /// A model Repro trained: the manifest's recipe names the architecture and the data; the preprocessing is the one
    /// Repro trains with on that data (CIFAR-10: 32x32, its mean/std, its ten classes), stated by the recipe, not guessed.
    /// </summary>
    static ForeignClassifier LoadCacheArtifact(string path)
    {
        var folder = ArtifactFolder(path)!;
        var manifestPath = Path.Combine(folder, "manifest.json");
        ArtifactManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ArtifactManifest>(File.ReadAllText(manifestPath))
                ?? throw new CorruptArtifactException($"'{manifestPath}' is empty; expected a Repro artifact manifest");
        }
        catch (JsonException e)
        {
            throw new CorruptArtifactException($"'{manifestPath}' is not a Repro artifact manifest ({e.Message})", e);
        }
        if (manifest.Kind != "model") throw new ForeignModelException($"'{folder}' holds a {manifest.Kind} artifact, not a model");
        // Every reader of a cache artifact checks what it reads against the manifest, as `reproduce` does.
        ArtifactStore.VerifyFolder(folder, manifest);
        var fields = manifest.Recipe.Split('\n').Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        string described = fields.GetValueOrDefault("architecture") ?? throw new CorruptArtifactException($"'{manifestPath}': its recipe names no architecture");
        var architecture = KnownArchitectures.Named(described)
            ?? throw new ForeignModelException($"'{manifestPath}': architecture {described} is none this build of Repro knows (a cache of another version?)");
        string data = fields.GetValueOrDefault("data", "");
        if (!data.StartsWith("cifar10", StringComparison.OrdinalIgnoreCase))
            throw new ForeignModelException($"'{manifestPath}': the model was trained on '{data}'; Repro reads cache artifacts of CIFAR-10 models here. " +
                "For another model, write its weights with a <stem>.json metadata stating its preprocessing and class names (README: 'Audit your own models')");
        var input = InputShape.Cifar10;
        var metadata = new ModelMetadata
        {
            Name = $"{architecture.DisplayName} {manifest.Key}",
            Height = input.Height,
            Width = input.Width,
            Mean = input.Mean,
            Std = input.Std,
            Classes = Cifar10.ClassNames.ToArray(),
            Architecture = described,
        };
        var weights = Path.Combine(folder, "model.bin");
        try
        {
            return ReproArchitectureClassifier.Load(weights, metadata, architecture);
        }
        catch (ForeignModelException e) when (File.Exists(weights))
        {
            throw new CorruptArtifactException($"cached model '{weights}' ({architecture.Describe()}) could not be loaded: {e.Message}. Delete '{folder}' to rebuild it.", e);
        }
    }
}
