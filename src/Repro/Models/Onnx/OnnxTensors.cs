using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Repro.Models.Onnx;

/// <summary>
/// ONNX tensors (initializers, Constant values) to torch tensors and back. Data may sit in raw_data (little-endian,
/// what exporters write) or in the typed fields; weights in an external file are refused with the remedy.
/// </summary>
public static class OnnxTensors
{
    /// <summary>The element types a CNN's initializers use; quantized weights are int8/uint8, shapes and axes int64.</summary>
    public static IReadOnlyList<DataType> Supported { get; } =
        new[] { DataType.Float, DataType.Double, DataType.Int64, DataType.Int32, DataType.Int8, DataType.Uint8 };

    public static Tensor ToTorch(TensorProto proto, string model)
    {
        if (proto.DataLocation == TensorProto.Types.DataLocation.External)
            throw new OnnxImportException(model, null, null, null,
                $"tensor '{proto.Name}' keeps its data in an external file; save the model with every tensor inside it (onnx.save(..., save_as_external_data=False))");
        var type = (DataType)proto.DataType;
        long[] shape = proto.Dims.ToArray();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        return type switch
        {
            DataType.Float => tensor(Values(proto, count, shape, 4, () => proto.FloatData.ToArray()), shape),
            DataType.Double => tensor(Values(proto, count, shape, 8, () => proto.DoubleData.ToArray()), shape),
            DataType.Int64 => tensor(Values(proto, count, shape, 8, () => proto.Int64Data.ToArray()), shape),
            DataType.Int32 => tensor(Values(proto, count, shape, 4, () => proto.Int32Data.ToArray()), shape),
            // int8/uint8 typed data travels widened in int32_data.
            DataType.Int8 => tensor(Values(proto, count, shape, 1, () => proto.Int32Data.Select(v => (sbyte)v).ToArray()), shape),
            DataType.Uint8 => tensor(Values(proto, count, shape, 1, () => proto.Int32Data.Select(v => (byte)v).ToArray()), shape),
            _ => throw new OnnxImportException(model, null, null, null,
                $"tensor '{proto.Name}' has element type {type}; the importer reads {string.Join(", ", Supported)}"),
        };

        T[] Values<T>(TensorProto p, long n, long[] dims, int size, Func<T[]> typed) where T : unmanaged
        {
            if (!p.RawData.IsEmpty)
            {
                if (p.RawData.Length != n * size)
                    throw new InvalidDataException($"{model}: tensor '{p.Name}' holds {p.RawData.Length} bytes of data, its shape [{string.Join(", ", dims)}] needs {n * size}");
                return MemoryMarshal.Cast<byte, T>(p.RawData.Span).ToArray();
            }
            var data = typed();
            if (data.Length != n)
                throw new InvalidDataException($"{model}: tensor '{p.Name}' holds {data.Length} values, its shape [{string.Join(", ", dims)}] needs {n}");
            return data;
        }
    }

    /// <summary>
    /// <paramref name="original"/> with its values replaced by <paramref name="values"/> (same shape and element type),
    /// written as raw_data; name and everything else of the original kept.
    /// </summary>
    public static TensorProto WithValues(TensorProto original, Tensor values)
    {
        var type = (DataType)original.DataType;
        long[] shape = original.Dims.ToArray();
        if (!values.shape.SequenceEqual(shape))
            throw new ArgumentException($"tensor '{original.Name}': new values have shape [{string.Join(", ", values.shape)}], the graph's [{string.Join(", ", shape)}]");
        using var cpu = values.detach().cpu().contiguous();
        byte[] raw = type switch
        {
            DataType.Float => Bytes(cpu.to_type(ScalarType.Float32).data<float>().ToArray()),
            DataType.Double => Bytes(cpu.to_type(ScalarType.Float64).data<double>().ToArray()),
            DataType.Int64 => Bytes(cpu.to_type(ScalarType.Int64).data<long>().ToArray()),
            DataType.Int32 => Bytes(cpu.to_type(ScalarType.Int32).data<int>().ToArray()),
            DataType.Int8 => Bytes(cpu.to_type(ScalarType.Int8).data<sbyte>().ToArray()),
            DataType.Uint8 => Bytes(cpu.to_type(ScalarType.Byte).data<byte>().ToArray()),
            _ => throw new ArgumentException($"tensor '{original.Name}' has element type {type}, which the importer never reads"),
        };
        var replaced = original.Clone();
        replaced.FloatData.Clear(); replaced.DoubleData.Clear(); replaced.Int32Data.Clear(); replaced.Int64Data.Clear();
        replaced.RawData = ByteString.CopyFrom(raw);
        return replaced;
    }

    static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>A small integer tensor (axes, shape, pads) as longs, read when the node runs.</summary>
    public static long[] Longs(Tensor value)
    {
        using var cpu = value.detach().cpu().to_type(ScalarType.Int64).contiguous();
        return cpu.data<long>().ToArray();
    }
}
