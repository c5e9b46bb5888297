using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Repro.Models.Onnx;

/// <summary>
/// A shipped .onnx file, parsed with the official schema (OnnxSharp's onnx.proto) and checked for what the importer
/// and the runtime engine both need: one image input, one output, the standard domain at an opset it reads.
/// </summary>
public sealed class OnnxModelFile
{
    OnnxModelFile(string path, ModelProto proto, int opset, ValueInfoProto input, ValueInfoProto output)
    {
        Path = path;
        Proto = proto;
        Opset = opset;
        InputName = input.Name;
        OutputName = output.Name;
        InputShape = input.Type.TensorType.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1).ToArray()
            ?? Array.Empty<long>();
    }

    public string Path { get; }
    public string Name => System.IO.Path.GetFileName(Path);
    public ModelProto Proto { get; }

    /// <summary>The opset of the default domain.</summary>
    public int Opset { get; }

    public string InputName { get; }
    public string OutputName { get; }

    /// <summary>The declared input shape; -1 for a symbolic axis (the batch, usually).</summary>
    public IReadOnlyList<long> InputShape { get; }

    public static OnnxModelFile Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX model '{path}' does not exist", path);
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}' is not an ONNX model (its bytes are not an onnx.ModelProto: {e.Message})", e);
        }
        string name = System.IO.Path.GetFileName(path);
        if (proto.Graph is null || proto.Graph.Node.Count == 0)
            throw new InvalidDataException($"'{path}' is not an ONNX model: it has no graph (an empty or truncated file parses as one)");
        var opsets = proto.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => (int)o.Version).ToList();
        if (opsets.Count == 0)
            throw new OnnxImportException(name, null, null, null, "imports no opset of the standard ONNX domain");
        int opset = opsets.Max();
        if (opset < OnnxOperatorCatalog.OldestOpset || opset > OnnxOperatorCatalog.NewestOpset)
            throw new OnnxImportException(name, null, null, null,
                $"uses opset {opset}; the importer reads opsets {OnnxOperatorCatalog.OldestOpset} to {OnnxOperatorCatalog.NewestOpset} (convert it with onnx.version_converter)");
        var graph = proto.Graph;
        // Before IR version 4 initializers are listed among the inputs as well; they are not fed.
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
        if (inputs.Count != 1)
            throw new OnnxImportException(name, null, null, null,
                $"has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); an image classifier has one, the [N, C, H, W] pixels");
        if (graph.Output.Count != 1)
            throw new OnnxImportException(name, null, null, null,
                $"has {graph.Output.Count} outputs ({string.Join(", ", graph.Output.Select(o => o.Name))}); an image classifier has one, the [N, classes] scores");
        var input = inputs[0];
        if (input.Type?.TensorType is not { } tensorType || (DataType)tensorType.ElemType != DataType.Float)
            throw new OnnxImportException(name, null, null, null,
                $"input '{input.Name}' is not a float32 tensor; the importer feeds float pixels (a uint8-input model needs its Cast/QuantizeLinear front replaced)");
        return new OnnxModelFile(path, proto, opset, input, graph.Output[0]);
    }
}
