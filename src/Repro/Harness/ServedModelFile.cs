using Repro.Models.Foreign;
using Repro.Remote;

namespace Repro.Harness;

/// <summary>
/// `repro serve --model FILE`: any model file the audit reads (<see cref="ModelFiles"/>: a Repro cache artifact, a Repro
/// architecture's weights, an ONNX or a TorchScript file) as a <see cref="ServedModel"/>. An ONNX file is answered by ONNX
/// Runtime, the engine a deployment runs it on; the others by their own forward.
/// </summary>
public static class ServedModelFile
{
    /// <summary>The model in <paramref name="path"/>, served as <paramref name="name"/> (default: the file's own name).</summary>
    public static ServedModel Load(string path, string? name = null)
    {
        var model = ModelFiles.Load(path, "--model");
        name ??= ModelFiles.DefaultName(path);
        return model is OnnxClassifier onnx
            ? new ServedModel(name, onnx, $"{onnx.SourcePath} under ONNX Runtime ({onnx.Architecture.Describe()})", onnx.RuntimeLogits)
            : new ServedModel(name, model, $"{model.SourcePath} ({model.Architecture.Describe()})");
    }
}
