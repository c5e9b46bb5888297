using Google.Protobuf;
using Repro.Storage;

namespace Repro.Models.Onnx;

/// <summary>
/// The export back: the shipped file's graph unchanged (nodes, inputs, outputs, opsets, metadata) with every
/// initializer's values replaced by the imported module's current ones, e.g. after fine-tuning. Written atomically.
/// </summary>
public static class OnnxInitializerExport
{
    public static void Write(OnnxModule module, string path)
    {
        var model = module.File.Proto.Clone();
        var current = module.Initializers;
        var initializers = model.Graph.Initializer;
        for (int i = 0; i < initializers.Count; i++)
            initializers[i] = OnnxTensors.WithValues(initializers[i], current[initializers[i].Name]);
        AtomicFile.WriteAllBytes(path, model.ToByteArray());
    }
}
