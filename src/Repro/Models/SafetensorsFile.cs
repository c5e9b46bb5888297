using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// The safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a JSON
/// header mapping each name to its dtype, shape and byte range, then the raw little-endian data.
/// Small enough to read and write here, and free of pickle's code execution.
/// </summary>
public static class SafetensorsFile
{
    static readonly (string Name, ScalarType Type)[] DTypes =
    {
        ("F64", ScalarType.Float64), ("F32", ScalarType.Float32), ("F16", ScalarType.Float16), ("BF16", ScalarType.BFloat16),
        ("I64", ScalarType.Int64), ("I32", ScalarType.Int32), ("I16", ScalarType.Int16), ("I8", ScalarType.Int8),
        ("U8", ScalarType.Byte), ("BOOL", ScalarType.Bool),
    };

    // A header larger than this is not a weights file someone meant to give us.
    const long MaxHeaderBytes = 100L << 20;

    public static Dictionary<string, Tensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static Dictionary<string, Tensor> Read(Stream stream, string name = "<stream>")
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) != 8)
            throw new InvalidDataException($"{name}: not a safetensors file (shorter than its 8-byte header length)");
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes)
            throw new InvalidDataException($"{name}: not a safetensors file (header length {headerLength})");
        var headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false) != headerBytes.Length)
            throw new InvalidDataException($"{name}: truncated safetensors header");

        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes)?.AsObject() ?? throw new InvalidDataException($"{name}: empty safetensors header");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: the safetensors header is not JSON ({e.Message})", e);
        }

        var entries = new List<(string Key, ScalarType Type, long[] Shape, long Begin, long End)>();
        foreach (var (key, node) in header)
        {
            if (key == "__metadata__") continue;
            var entry = node?.AsObject() ?? throw new InvalidDataException($"{name}: entry '{key}' is not an object");
            string dtype = entry["dtype"]?.GetValue<string>() ?? throw new InvalidDataException($"{name}: entry '{key}' has no dtype");
            var type = DTypes.FirstOrDefault(d => d.Name == dtype);
            if (type.Name is null) throw new InvalidDataException($"{name}: entry '{key}' has unsupported dtype {dtype}");
            var shape = entry["shape"]?.AsArray().Select(n => n!.GetValue<long>()).ToArray()
                ?? throw new InvalidDataException($"{name}: entry '{key}' has no shape");
            var offsets = entry["data_offsets"]?.AsArray().Select(n => n!.GetValue<long>()).ToArray();
            if (offsets is not { Length: 2 } || offsets[0] < 0 || offsets[1] < offsets[0])
                throw new InvalidDataException($"{name}: entry '{key}' has bad data_offsets");
            long expected = shape.Aggregate(1L, (a, b) => a * b) * ElementSize(type.Type);
            if (offsets[1] - offsets[0] != expected)
                throw new InvalidDataException($"{name}: entry '{key}' holds {offsets[1] - offsets[0]} bytes, its dtype and shape need {expected}");
            entries.Add((key, type.Type, shape, offsets[0], offsets[1]));
        }

        long dataStart = 8 + headerLength;
        var result = new Dictionary<string, Tensor>();
        foreach (var (key, type, shape, begin, end) in entries.OrderBy(e => e.Begin))
        {
            var bytes = new byte[end - begin];
            stream.Seek(dataStart + begin, SeekOrigin.Begin);
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
                throw new InvalidDataException($"{name}: data of '{key}' is truncated");
            var tensor = empty(shape, type);
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian");
            bytes.CopyTo(tensor.bytes);
            result[key] = tensor;
        }
        return result;
    }

    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        // Through a temporary file and a rename, so an interrupted write never leaves a partial file.
        Storage.AtomicFile.Write(path, stream => Write(stream, tensors));
    }

    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var header = new JsonObject();
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (key, value) in tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            using var cpu = value.detach().cpu().contiguous();
            var type = DTypes.FirstOrDefault(d => d.Type == cpu.dtype);
            if (type.Name is null) throw new ArgumentException($"'{key}' has dtype {cpu.dtype}, which safetensors cannot store");
            var bytes = cpu.bytes.ToArray();
            header[key] = new JsonObject
            {
                ["dtype"] = type.Name,
                ["shape"] = new JsonArray(cpu.shape.Select(s => (JsonNode)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            blobs.Add(bytes);
            offset += bytes.Length;
        }
        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        // The format pads the header with spaces to an 8-byte boundary.
        int padded = (headerBytes.Length + 7) / 8 * 8;
        Span<byte> lengthBytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(lengthBytes, padded);
        stream.Write(lengthBytes);
        stream.Write(headerBytes);
        for (int i = headerBytes.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var blob in blobs) stream.Write(blob);
    }

    static long ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };
}
