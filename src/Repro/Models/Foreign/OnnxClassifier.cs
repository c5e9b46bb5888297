using Repro.Models.Onnx;
using static TorchSharp.torch;

namespace Repro.Models.Foreign;

/// <summary>
/// A shipped ONNX model as a <see cref="ForeignClassifier"/>: the graph imported as a differentiable module
/// (<see cref="OnnxModule"/>), so it can be attacked white-box and fine-tuned, and written back with the graph
/// unchanged. In the metadata, featuresMethod names the graph value holding the penultimate activations (e.g.
/// "/Flatten_output_0") and headMethod the graph output; the head runs from one to the other. <see cref="Runtime"/>
/// runs the same file under ONNX Runtime, the engine a server uses.
/// </summary>
public sealed class OnnxClassifier : ForeignClassifier
{
    readonly OnnxModule module;
    OnnxRuntimeModel? runtime;

    OnnxClassifier(OnnxModule module, LoadedModelSpec spec) : base(nameof(OnnxClassifier), spec)
    {
        this.module = module;
        register_module("onnx", module);
    }

    public static OnnxClassifier Load(string path) => Load(path, ModelMetadata.Read(ModelMetadata.PathBeside(path), path));

    public static OnnxClassifier Load(string path, ModelMetadata metadata)
    {
        if (Directory.Exists(path)) throw new ForeignModelException($"'{path}' is a folder; expected an ONNX file");
        if (!File.Exists(path)) throw new ForeignModelException($"model file '{path}' does not exist");
        string hash = LoadedModelSpec.HashOf(path);
        var file = OnnxModelFile.Read(path);
        var module = new OnnxModule(file);
        if (metadata.FeaturesMethod is { } features)
        {
            if (!module.Produces(features))
                throw new ForeignModelException($"{path}: the metadata's featuresMethod '{features}' is no value of the graph (for ONNX it names the penultimate value)");
            if (metadata.HeadMethod != file.OutputName)
                throw new ForeignModelException($"{path}: the metadata's headMethod '{metadata.HeadMethod}' must be the graph's output '{file.OutputName}' (the head runs from featuresMethod's value to it)");
        }
        var name = metadata.Name ?? Path.GetFileNameWithoutExtension(path);
        var model = new OnnxClassifier(module, new LoadedModelSpec(Path.GetFullPath(path), name, hash, metadata));
        model.eval();
        model.CheckRuns();
        return model;
    }

    public override string? FeaturesUnavailable => Metadata.FeaturesMethod is null
        ? $"{Architecture.DisplayName}'s metadata names no featuresMethod (the ONNX graph value of its penultimate activations), so they are not measurable"
        : null;

    /// <summary>The same file under ONNX Runtime (opened on first use): logits of [0, 1] pixels, without gradients.</summary>
    public Tensor RuntimeLogits(Tensor pixels)
    {
        runtime ??= new OnnxRuntimeModel(module.File);
        using var scope = NewDisposeScope();
        return ToLogits(runtime.Run(Prepare(pixels))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// An independent copy: the same file imported again, then every initializer set to this model's current values
    /// (by ONNX name, which is what the file stores, rather than by state-dict key).
    /// </summary>
    public override ForeignClassifier Copy()
    {
        var copy = new OnnxClassifier(new OnnxModule(module.File), (LoadedModelSpec)Architecture);
        using (no_grad())
        {
            var target = copy.module.Initializers;
            foreach (var (name, value) in module.Initializers) target[name].copy_(value);
        }
        copy.train(training);
        return copy;
    }

    protected override Tensor Call(string method, Tensor input)
    {
        var file = module.File;
        if (method == "forward") return module.forward(input);
        if (method == Metadata.FeaturesMethod) return module.Run(file.InputName, input, method);
        return module.Run(Metadata.FeaturesMethod!, input, file.OutputName);
    }

    protected override void WriteNetwork(string path) => OnnxInitializerExport.Write(module, path);

    protected override void Dispose(bool disposing)
    {
        if (disposing) runtime?.Dispose();
        base.Dispose(disposing);
    }
}
