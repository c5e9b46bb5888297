using System.Security.Cryptography;

namespace Repro.Storage;

/// <summary>SHA-256 of a file's bytes as lowercase hex: what manifests and checkpoints record to tell a whole file from a damaged one.</summary>
public static class FileChecksum
{
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
