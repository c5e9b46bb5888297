using System.Buffers.Binary;
using System.IO.Compression;

namespace Repro.Models.Foreign;

/// <summary>What a model file holds, read from its first bytes (and, for a zip, its entry names), never from its extension: a .pt may be either.</summary>
public enum ModelFileKind
{
    /// <summary>A safetensors file: an 8-byte header length, then the JSON header.</summary>
    Safetensors,
    /// <summary>A torch.save zip of a state dict (archive/data.pkl, no code/).</summary>
    TorchSaveStateDict,
    /// <summary>A torch.jit.save zip (it carries the network's code/ and constants.pkl).</summary>
    TorchScriptArchive,
    /// <summary>Anything else: a TorchSharp model.save state dict (Repro's cache model.bin), or a file none of these reads.</summary>
    Other,
}

public static class ModelFileKinds
{
    public static ModelFileKind Of(string path)
    {
        Span<byte> head = stackalloc byte[9];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4) return ZipKind(path);
        if (read == 9 && head[8] == (byte)'{')
        {
            long length = BinaryPrimitives.ReadInt64LittleEndian(head);
            if (length > 1 && length <= new FileInfo(path).Length - 8) return ModelFileKind.Safetensors;
        }
        return ModelFileKind.Other;
    }

    static ModelFileKind ZipKind(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (names.Any(n => n.Contains("/code/", StringComparison.Ordinal) || n.EndsWith("constants.pkl", StringComparison.Ordinal)))
                return ModelFileKind.TorchScriptArchive;
            if (names.Any(n => n.EndsWith("data.pkl", StringComparison.Ordinal))) return ModelFileKind.TorchSaveStateDict;
        }
        catch (InvalidDataException) { }
        return ModelFileKind.Other;
    }

    /// <summary>How a user writes a file of this kind (for messages).</summary>
    public static string Describe(ModelFileKind kind) => kind switch
    {
        ModelFileKind.Safetensors => "a safetensors file (weights only)",
        ModelFileKind.TorchSaveStateDict => "a torch.save state dict (weights only)",
        ModelFileKind.TorchScriptArchive => "a TorchScript archive (torch.jit.save: a whole network)",
        _ => "a TorchSharp model.save state dict, or a file none of the readers knows",
    };
}
