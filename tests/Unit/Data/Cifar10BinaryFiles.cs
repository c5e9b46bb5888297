using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Tar;

namespace Repro.Unit.Data;

/// <summary>Writes files in exactly the official CIFAR-10 binary format: per record 1 label byte, then the R, G
/// and B planes of a 32x32 image, each row-major; and the .tar.gz that packs them.</summary>
internal static class Cifar10BinaryFiles
{
    /// <summary>The pixel byte a test record holds at (record, channel, y, x): distinct enough to catch any layout mix-up.</summary>
    public static byte Pixel(int record, int channel, int y, int x) => (byte)((record * 7 + channel * 50 + y * 3 + x) % 256);

    /// <summary>A batch of records with the given labels and <see cref="Pixel"/> contents (record numbers start at
    /// <paramref name="firstRecord"/>).</summary>
    public static byte[] Batch(IReadOnlyList<byte> labels, int firstRecord = 0)
    {
        var bytes = new byte[labels.Count * 3073];
        for (int r = 0; r < labels.Count; r++)
        {
            int offset = r * 3073;
            bytes[offset] = labels[r];
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++)
                        bytes[offset + 1 + c * 1024 + y * 32 + x] = Pixel(firstRecord + r, c, y, x);
        }
        return bytes;
    }

    /// <summary>A gzip-compressed tar with the given entries, in the given order (as `tar czf` writes them).</summary>
    public static void WriteTarGz(string path, IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipOutputStream(file);
        using var tar = new TarOutputStream(gzip, System.Text.Encoding.UTF8);
        foreach (var (name, bytes) in entries)
        {
            var entry = TarEntry.CreateTarEntry(name);
            entry.Size = bytes.Length;
            tar.PutNextEntry(entry);
            tar.Write(bytes);
            tar.CloseEntry();
        }
    }
}
