using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Repro.Models.Foreign;

/// <summary>
/// One of Repro's own architectures with weights from a file, as a <see cref="ForeignClassifier"/>: a safetensors file,
/// a torch.save state dict or a TorchSharp model.save (Repro's cache model.bin), with the metadata's "architecture"
/// naming the network. Tensor names are Repro's own state-dict names or, for architectures with a PyTorch reference
/// layout (ResNet, MobileNetV2, SqueezeNet), the reference's. The network inside normalises nothing: the metadata's
/// mean/std are applied by the wrapper, as for every user's model. Written back in the format and naming it came in.
/// </summary>
public sealed class ReproArchitectureClassifier : ForeignClassifier
{
    readonly Classifier network;
    readonly ModelFileKind format;
    readonly bool referenceNames;

    ReproArchitectureClassifier(Classifier network, LoadedModelSpec spec, ModelFileKind format, bool referenceNames)
        : base(nameof(ReproArchitectureClassifier), spec)
    {
        this.network = network;
        this.format = format;
        this.referenceNames = referenceNames;
        register_module("network", network);
    }

    /// <summary>The format the weights came in, and are written back in.</summary>
    public ModelFileKind Format => format;

    /// <summary>Loads the weights in <paramref name="path"/> into a fresh <paramref name="architecture"/> and checks that it runs as the metadata says.</summary>
    public static ReproArchitectureClassifier Load(string path, ModelMetadata metadata, ArchitectureSpec architecture)
    {
        if (Directory.Exists(path)) throw new ForeignModelException($"'{path}' is a folder; expected a weights file of {architecture.Describe()}");
        if (!File.Exists(path)) throw new ForeignModelException($"model file '{path}' does not exist");
        if (metadata.Architecture != architecture.Describe())
            throw new ArgumentException($"metadata names {metadata.Architecture ?? "no architecture"}, not {architecture.Describe()}");
        var kind = ModelFileKinds.Of(path);
        if (kind == ModelFileKind.TorchScriptArchive)
            throw new ForeignModelException($"'{path}' is {ModelFileKinds.Describe(kind)}, but its metadata '{ModelMetadata.PathBeside(path)}' names a Repro architecture " +
                $"({metadata.Architecture}), which means a file of that architecture's weights: remove \"architecture\" from the metadata to load it as TorchScript, " +
                "or save the weights (safetensors, or torch.save(model.state_dict(), ...))");
        string hash = LoadedModelSpec.HashOf(path);
        var input = new InputShape(metadata.Channels, metadata.Height, metadata.Width, Enumerable.Repeat(0f, metadata.Channels).ToArray(), Enumerable.Repeat(1f, metadata.Channels).ToArray());
        var network = architecture.Create(input, metadata.Classes.Length);
        bool referenceNames;
        try
        {
            referenceNames = LoadWeights(network, path, kind);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        var name = metadata.Name ?? Path.GetFileNameWithoutExtension(path);
        var spec = new LoadedModelSpec(Path.GetFullPath(path), name, hash, metadata) { Network = architecture };
        var model = new ReproArchitectureClassifier(network, spec, kind, referenceNames);
        model.eval();
        try
        {
            model.CheckRuns();
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return model;
    }

    /// <summary>Fills <paramref name="network"/> from the file; returns whether the names were the PyTorch reference's. Nothing half-loaded survives a failure (the caller disposes the network).</summary>
    static bool LoadWeights(Classifier network, string path, ModelFileKind kind)
    {
        string what = network.Architecture.Describe();
        if (kind == ModelFileKind.Other)
        {
            try
            {
                network.load(path, strict: true);
                return false;
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or IOException or ExternalException or InvalidOperationException or OverflowException)
            {
                throw new ForeignModelException($"'{path}' is not a weights file of {what}: it is no safetensors file, no torch.save state dict, " +
                    $"and TorchSharp's model.load refuses it ({FirstLine(e.Message)})", e);
            }
        }
        Dictionary<string, Tensor> tensors;
        try
        {
            tensors = kind == ModelFileKind.Safetensors ? SafetensorsFile.Read(path) : PyTorchStateDict.ReadTorchSave(path);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or NotImplementedException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ForeignModelException($"'{path}' ({ModelFileKinds.Describe(kind)}) does not read: {FirstLine(e.Message)}", e);
        }
        try
        {
            var own = network.state_dict();
            int ownNames = tensors.Keys.Count(own.ContainsKey);
            // Repro's names when most keys are Repro's; otherwise the reference layout's, where the architecture has one.
            if (network is IPyTorchLayout && ownNames * 2 < tensors.Count)
            {
                try
                {
                    PyTorchStateDict.Load(network, tensors);
                }
                catch (PyTorchStateDictException e)
                {
                    throw new ForeignModelException($"'{path}' does not hold the weights of {what} (under Repro's state-dict names or {((IPyTorchLayout)network).PyTorchReference}'s): {e.Message}", e);
                }
                return true;
            }
            LoadOwnNames(network, tensors, path);
            return false;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>Every Repro state-dict name present with its shape, and no other; otherwise nothing is copied.</summary>
    static void LoadOwnNames(Classifier network, IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        var own = network.state_dict();
        var missing = own.Keys.Where(k => !tensors.ContainsKey(k)).ToList();
        var unexpected = tensors.Keys.Where(k => !own.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var shapes = own.Where(kv => tensors.TryGetValue(kv.Key, out var t) && !t.shape.SequenceEqual(kv.Value.shape))
            .Select(kv => $"{kv.Key}: file [{string.Join(", ", tensors[kv.Key].shape)}] vs model [{string.Join(", ", kv.Value.shape)}]").ToList();
        if (missing.Count + unexpected.Count + shapes.Count > 0)
            throw new ForeignModelException($"'{path}' does not hold the weights of {network.Architecture.Describe()}: " +
                new PyTorchStateDictException("its Repro state-dict names", missing, unexpected, shapes).Message);
        using var noGrad = no_grad();
        foreach (var (key, target) in own) target.copy_(tensors[key].to(target.dtype));
    }

    public override long FeatureDimension => network.FeatureDimension;

    public override string? FeaturesUnavailable => network.FeaturesUnavailable;

    public override Tensor Features(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        return network.Features(Prepare(pixels)).MoveToOuterDisposeScope();
    }

    public override Tensor Head(Tensor features) => network.Head(features);

    protected override Tensor Call(string method, Tensor input) => method == "forward"
        ? network.forward(input)
        : throw new NotSupportedException($"{Architecture.DisplayName} is a Repro architecture; it has no method '{method}'");

    public override ForeignClassifier Copy()
    {
        var copy = new ReproArchitectureClassifier(ModelCloning.Clone(network), (LoadedModelSpec)Architecture, format, referenceNames);
        copy.train(training);
        return copy;
    }

    protected override void WriteNetwork(string path) => WriteWeights(network, path, format, referenceNames);

    /// <summary>Whether the weights can be written under the PyTorch reference layout's names (the architecture has one, and no 8-bit state the reference cannot name).</summary>
    public string? ReferenceNamesUnavailable => network is not IPyTorchLayout
        ? $"{network.Architecture.Describe()} has no PyTorch reference layout"
        : network.QuantizableLayers().Any(l => l.Mode != Layers.QuantizationMode.Float)
            ? "its 8-bit state (each layer's calibrated input range and mode) has no name in the PyTorch reference layout"
            : null;

    /// <summary>Writes this model's weights as <paramref name="kind"/> (atomically), under Repro's names or the reference's, with <paramref name="metadata"/> beside them.</summary>
    public void Export(string path, ModelFileKind kind, bool pytorchNames, ModelMetadata metadata)
    {
        if (kind == ModelFileKind.TorchScriptArchive) throw new ArgumentException("a Repro architecture's weights are written as safetensors, a torch.save state dict or a TorchSharp state dict, not TorchScript");
        if (pytorchNames && ReferenceNamesUnavailable is { } reason) throw new ArgumentException($"{Architecture.DisplayName}: cannot use PyTorch names: {reason}; use Repro's names");
        if (pytorchNames && kind == ModelFileKind.Other) throw new ArgumentException("a TorchSharp state dict holds Repro's names only");
        bool wasTraining = training;
        eval();
        try
        {
            WriteWeights(network, path, kind, pytorchNames);
            Storage.AtomicFile.WriteAllText(ModelMetadata.PathBeside(path), metadata.ToJson());
        }
        finally { train(wasTraining); }
    }

    static void WriteWeights(Classifier network, string path, ModelFileKind kind, bool pytorchNames)
    {
        if (kind == ModelFileKind.Other)
        {
            Storage.AtomicFile.Write(path, stream =>
            {
                using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
                network.save(writer);
            });
            return;
        }
        var tensors = pytorchNames ? PyTorchStateDict.Export(network) : network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().clone());
        try
        {
            if (kind == ModelFileKind.Safetensors) SafetensorsFile.Write(path, tensors);
            else Storage.AtomicFile.Write(path, stream => PyTorchPickler.PickleStateDict(stream, tensors));
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
