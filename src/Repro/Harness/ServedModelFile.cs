using System.Collections;
using System.Text.Json;
using Repro.Harness.Artifacts;
using Repro.Models;
using Repro.Models.Foreign;
using Repro.Profiles;
using Repro.Remote;

namespace Repro.Harness;

/// <summary>
/// `repro serve --model FILE`: a model file as a <see cref="ServedModel"/>. Each loader below recognises its kind of
/// file; the first that does loads it: a Repro cache artifact (its folder, or the model.bin in it, with the
/// manifest.json beside it naming the architecture), an ONNX file (run by ONNX Runtime, as deployed) or a TorchScript
/// file, each of the last two with its &lt;stem&gt;.json metadata beside it (the audit's format, Models/Foreign).
/// </summary>
public static class ServedModelFile
{
    /// <summary>One kind of model file: whether it is this kind, and how to load it.</summary>
    public sealed record Loader(string Kind, Func<string, bool> Recognises, Func<string, string, ServedModel> Load);

    /// <summary>The loaders tried in order; another format is one more entry.</summary>
    public static IReadOnlyList<Loader> Loaders { get; } = new[]
    {
        new Loader("Repro cache artifact (model.bin + manifest.json)", IsCacheArtifact, LoadCacheArtifact),
        new Loader("ONNX file (.onnx + <stem>.json metadata)", path => File.Exists(path) && ForeignModels.IsOnnx(path), LoadOnnx),
        new Loader("TorchScript file (.pt, .ts, .jit, .pth + <stem>.json metadata)", IsTorchScript, LoadTorchScript),
    };

    /// <summary>The model in <paramref name="path"/>, served as <paramref name="name"/> (default: the file's own name).</summary>
    public static ServedModel Load(string path, string? name = null)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"--model: '{path}' does not exist; expected a Repro cache artifact (its folder, or the model.bin in it), or an ONNX or TorchScript file with its <stem>.json metadata beside it");
        var loader = Loaders.FirstOrDefault(l => l.Recognises(path))
            ?? throw new InvalidDataException($"--model: '{path}' is none of the model files `repro serve` reads: {string.Join("; ", Loaders.Select(l => l.Kind))}");
        return loader.Load(path, name ?? DefaultName(path));
    }

    /// <summary>A cache artifact's folder name; a model file's stem.</summary>
    static string DefaultName(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(full)) return Path.GetFileName(full);
        return Path.GetFileName(full) == "model.bin" ? Path.GetFileName(Path.GetDirectoryName(full)!) : Path.GetFileNameWithoutExtension(full);
    }

    static readonly string[] TorchScriptExtensions = { ".pt", ".ts", ".jit", ".pth" };

    static bool IsTorchScript(string path) =>
        File.Exists(path) && TorchScriptExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    static ServedModel LoadTorchScript(string path, string name)
    {
        var model = TorchScriptClassifier.Load(path);
        return new ServedModel(name, model, $"{model.SourcePath} ({model.Architecture.Describe()})");
    }

    static ServedModel LoadOnnx(string path, string name)
    {
        var model = OnnxClassifier.Load(path);
        return new ServedModel(name, model, $"{model.SourcePath} under ONNX Runtime ({model.Architecture.Describe()})", model.RuntimeLogits);
    }

    static string? ArtifactFolder(string path) =>
        Directory.Exists(path) ? path : Path.GetFileName(path) == "model.bin" ? Path.GetDirectoryName(Path.GetFullPath(path)) : null;

    static bool IsCacheArtifact(string path) => ArtifactFolder(path) is { } folder && File.Exists(Path.Combine(folder, "manifest.json"));

    static ServedModel LoadCacheArtifact(string path, string name)
    {
        var folder = ArtifactFolder(path)!;
        var manifestPath = Path.Combine(folder, "manifest.json");
        ArtifactManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ArtifactManifest>(File.ReadAllText(manifestPath))
                ?? throw new InvalidDataException($"'{manifestPath}' is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{manifestPath}' is not a Repro artifact manifest ({e.Message})", e);
        }
        if (manifest.Kind != "model") throw new InvalidDataException($"'{folder}' holds a {manifest.Kind} artifact, not a model");
        var fields = manifest.Recipe.Split('\n').Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        string described = fields.GetValueOrDefault("architecture") ?? throw new InvalidDataException($"'{manifestPath}': its recipe names no architecture");
        var architecture = KnownArchitectures().FirstOrDefault(a => a.Describe() == described)
            ?? throw new InvalidDataException($"'{manifestPath}': architecture {described} is none this build of Repro knows (a cache of another version?)");
        bool imageNet = fields.GetValueOrDefault("data", "").StartsWith("imagenet", StringComparison.OrdinalIgnoreCase);
        var model = architecture.Create(imageNet ? InputShape.ImageNet : InputShape.Cifar10, imageNet ? 1000 : 10);
        var weights = Path.Combine(folder, "model.bin");
        try
        {
            model.load(weights);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            model.Dispose();
            throw new CorruptArtifactException($"'{weights}' ({architecture.Describe()}) could not be loaded: {e.Message}", e);
        }
        model.eval();
        return new ServedModel(name, model, $"{architecture.DisplayName} {manifest.Key}, test accuracy {manifest.Summary.GetValueOrDefault("test_accuracy", "?")}%");
    }

    /// <summary>Every architecture any profile names (the cache's models are built from these).</summary>
    static IEnumerable<ArchitectureSpec> KnownArchitectures()
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var found = new List<ArchitectureSpec>();
        void Walk(object? value, int depth)
        {
            if (value is null || depth > 4 || value is string || value.GetType().IsPrimitive || !seen.Add(value)) return;
            if (value is ArchitectureSpec spec) { found.Add(spec); return; }
            if (value is IEnumerable items) { foreach (var item in items) Walk(item, depth + 1); return; }
            if (value.GetType().Namespace?.StartsWith("Repro", StringComparison.Ordinal) != true) return;
            foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
                Walk(property.GetValue(value), depth + 1);
        }
        foreach (var profile in ProfileCatalog.All) Walk(profile, 0);
        return found;
    }
}
