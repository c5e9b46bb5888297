namespace Repro.Models.Foreign;

/// <summary>A user's model file by its format: ".onnx" is ONNX, anything else TorchScript (torch.jit.save writes .pt).</summary>
public static class ForeignModels
{
    public static bool IsOnnx(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    public static ForeignClassifier Load(string path) => IsOnnx(path) ? OnnxClassifier.Load(path) : TorchScriptClassifier.Load(path);

    public static ForeignClassifier Load(string path, ModelMetadata metadata) =>
        IsOnnx(path) ? OnnxClassifier.Load(path, metadata) : TorchScriptClassifier.Load(path, metadata);
}
