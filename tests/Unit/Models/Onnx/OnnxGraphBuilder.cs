using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;
using AttributeType = Onnx.AttributeProto.Types.AttributeType;

namespace Repro.Unit.Models.Onnx;

/// <summary>
/// Small ONNX graphs written here with the official schema, for the operator variants torch 1.13 never exports
/// (opset 18+ inputs, auto_pad, asymmetric pads, per-channel DequantizeLinear...): one float input "x", one output "y".
/// </summary>
public sealed class OnnxGraphBuilder
{
    readonly GraphProto graph = new() { Name = "test" };
    readonly int opset;

    public OnnxGraphBuilder(int opset, params long[] inputShape)
    {
        this.opset = opset;
        graph.Input.Add(Value("x", inputShape));
        graph.Output.Add(new ValueInfoProto { Name = "y", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float } } });
    }

    public OnnxGraphBuilder Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return this;
    }

    public OnnxGraphBuilder Floats(string name, long[] shape, params float[] values) => Initializer(name, DataType.Float, shape, values.SelectMany(BitConverter.GetBytes).ToArray());

    public OnnxGraphBuilder Longs(string name, params long[] values) => Initializer(name, DataType.Int64, new long[] { values.Length }, values.SelectMany(BitConverter.GetBytes).ToArray());

    public OnnxGraphBuilder SBytes(string name, long[] shape, params sbyte[] values) => Initializer(name, DataType.Int8, shape, values.Select(v => (byte)v).ToArray());

    OnnxGraphBuilder Initializer(string name, DataType type, long[] shape, byte[] raw)
    {
        var t = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        t.Dims.AddRange(shape);
        graph.Initializer.Add(t);
        return this;
    }

    public string Write(string directory)
    {
        var model = new ModelProto { IrVersion = opset >= 21 ? 10 : 8, Graph = graph, ProducerName = "Repro tests" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        var path = Path.Combine(directory, $"graph-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };
    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };
    public static AttributeProto String(string name, string value) => new() { Name = name, Type = AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto FloatList(string name, params float[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Floats };
        a.Floats.AddRange(values);
        return a;
    }

    static ValueInfoProto Value(string name, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var d in shape) tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float, Shape = tensorShape } } };
    }
}
