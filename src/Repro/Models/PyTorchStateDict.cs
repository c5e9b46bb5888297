using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// Loads PyTorch checkpoints a user supplies (torchvision's pretrained ImageNet weights, OFA's
/// supernet) into our models, by the reference's tensor names: a <c>torch.save</c> state dict
/// (<c>.pt</c>/<c>.pth</c>, read with TorchSharp.PyBridge) or a <c>.safetensors</c> file. Every name and
/// shape is checked; nothing is loaded unless everything fits. Our quantization observers
/// (<c>*.observer.*</c>) have no PyTorch counterpart and are left as they are.
/// </summary>
public static class PyTorchStateDict
{
    /// <summary>Tensors of a checkpoint by name, from its extension: .safetensors, or .pt/.pth/.bin (torch.save zip).</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist", path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".safetensors" => SafetensorsFile.Read(path),
            ".pt" or ".pth" or ".bin" or ".tar" => ReadTorchSave(path),
            _ => throw new ArgumentException($"'{path}': expected a .safetensors, .pt or .pth checkpoint"),
        };
    }

    /// <summary>Our state-dict name to the reference's, for every tensor except quantization observers.</summary>
    public static IReadOnlyDictionary<string, string> KeyMap(Classifier model)
    {
        var layout = AsLayout(model);
        var renames = layout.PyTorchModuleNames().ToList();
        var map = new Dictionary<string, string>();
        var unmapped = new List<string>();
        foreach (var key in model.state_dict().Keys)
        {
            if (IsObserver(key)) continue;
            var matches = renames.Where(r => key.StartsWith(r.Ours + ".", StringComparison.Ordinal)).ToList();
            if (matches.Count != 1) { unmapped.Add($"{key} ({matches.Count} renames)"); continue; }
            map[key] = matches[0].Theirs + key[matches[0].Ours.Length..];
        }
        if (unmapped.Count > 0)
            throw new InvalidOperationException($"{model.Architecture.Describe()}: the {layout.PyTorchReference} layout does not name {string.Join(", ", unmapped)}");
        var duplicates = map.GroupBy(kv => kv.Value).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidOperationException($"{layout.PyTorchReference} layout maps several tensors to {string.Join(", ", duplicates)}");
        return map;
    }

    /// <summary>Reads <paramref name="path"/> and loads it into <paramref name="model"/> (see <see cref="Load(Classifier, IReadOnlyDictionary{string, Tensor})"/>).</summary>
    public static void Load(Classifier model, string path)
    {
        var tensors = Read(path);
        try { Load(model, tensors); }
        finally { foreach (var t in tensors.Values) t.Dispose(); }
    }

    /// <summary>
    /// Copies the reference-named tensors of <paramref name="checkpoint"/> into the model. Throws <see cref="PyTorchStateDictException"/>,
    /// listing every missing, unexpected and mis-shaped name, and then loads nothing.
    /// </summary>
    public static void Load(Classifier model, IReadOnlyDictionary<string, Tensor> checkpoint)
    {
        var layout = AsLayout(model);
        var reference = new Dictionary<string, Tensor>();
        foreach (var (key, tensor) in checkpoint)
            if (!reference.TryAdd(layout.NormalizeCheckpointKey(key), tensor))
                throw new PyTorchStateDictException(layout.PyTorchReference, Array.Empty<string>(), new[] { $"{key} (a second tensor named {layout.NormalizeCheckpointKey(key)})" }, Array.Empty<string>());
        var map = KeyMap(model);
        var ours = model.state_dict();
        var missing = new List<string>();
        var shapes = new List<string>();
        foreach (var (key, theirs) in map)
        {
            if (!reference.TryGetValue(theirs, out var source)) { missing.Add(theirs); continue; }
            var target = ours[key];
            if (!source.shape.SequenceEqual(target.shape))
                shapes.Add($"{theirs}: checkpoint [{string.Join(", ", source.shape)}] vs model [{string.Join(", ", target.shape)}]");
        }
        var known = map.Values.ToHashSet();
        var unexpected = reference.Keys.Where(k => !known.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (missing.Count + unexpected.Count + shapes.Count > 0)
            throw new PyTorchStateDictException(layout.PyTorchReference, missing, unexpected, shapes);

        using var noGrad = no_grad();
        foreach (var (key, theirs) in map)
            ours[key].copy_(reference[theirs]);
    }

    /// <summary>The model's tensors under the reference's names (what <c>torch.load</c> of the reference would give).</summary>
    public static Dictionary<string, Tensor> Export(Classifier model)
    {
        var ours = model.state_dict();
        return KeyMap(model).ToDictionary(kv => kv.Value, kv => ours[kv.Key].detach().cpu().clone());
    }

    static IPyTorchLayout AsLayout(Classifier model) => model as IPyTorchLayout
        ?? throw new NotSupportedException($"{model.Architecture.Describe()} has no PyTorch reference layout to load weights by");

    static bool IsObserver(string key) => key.Split('.').Contains("observer");

    /// <summary>A torch.save zip of a state dict (unwrapping {"state_dict": ...} and the like), whatever its extension.</summary>
    public static Dictionary<string, Tensor> ReadTorchSave(string path)
    {
        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (NotImplementedException e)
        {
            // PyBridge reads the zip format of torch >= 1.6 only, and state dicts only (not pickled modules).
            throw new InvalidDataException($"'{path}': {e.Message}", e);
        }
        // Training scripts (OFA's among them) often wrap the state dict: {"state_dict": {...}, "epoch": ...}.
        foreach (var wrapper in new[] { "state_dict", "model", "model_state_dict" })
            if (table[wrapper] is Hashtable inner) { table = inner; break; }
        var result = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Value is Tensor tensor) result[(string)entry.Key] = tensor;
            else throw new InvalidDataException($"'{path}': entry '{entry.Key}' is not a tensor; expected a state dict");
        }
        return result;
    }
}
