using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Repro.Unit.Data;

/// <summary>
/// A minimal PNG encoder (8-bit, no interlace, filter 0) so the tests can write real PNG files of any size and
/// channel count without an image library: grey (1), grey+alpha (2), RGB (3), RGBA (4).
/// </summary>
internal static class TestPng
{
    /// <param name="pixels">Row-major, <paramref name="channels"/> bytes per pixel.</param>
    public static byte[] Encode(int width, int height, int channels, byte[] pixels)
    {
        byte colorType = channels switch { 1 => 0, 2 => 4, 3 => 2, 4 => 6, _ => throw new ArgumentOutOfRangeException(nameof(channels)) };
        if (pixels.Length != width * height * channels) throw new ArgumentException("pixel count does not match the size", nameof(pixels));
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = colorType;
        WriteChunk(png, "IHDR", header);
        using (var raw = new MemoryStream())
        {
            using (var zlib = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(0);
                    zlib.Write(pixels, y * width * channels, width * channels);
                }
            WriteChunk(png, "IDAT", raw.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>An RGB image whose pixel (x, y, c) is <paramref name="value"/>(x, y, c).</summary>
    public static byte[] Rgb(int width, int height, Func<int, int, int, byte> value)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < 3; c++)
                    pixels[(y * width + x) * 3 + c] = value(x, y, c);
        return Encode(width, height, 3, pixels);
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    /// <summary>CRC-32 (ISO 3309, polynomial 0xEDB88320) as the PNG specification requires.</summary>
    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
