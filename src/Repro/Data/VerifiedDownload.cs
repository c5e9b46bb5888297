using System.Security.Cryptography;

namespace Repro.Data;

/// <summary>
/// Downloads a <see cref="RemoteArchive"/> to a temporary file beside its destination, hashing while it streams,
/// and renames it into place only when size and SHA-256 match; on any failure the temporary file is deleted, so
/// the cache never holds a partial or unverified file.
/// </summary>
public static class VerifiedDownload
{
    public static async Task<string> DownloadAsync(HttpClient client, RemoteArchive archive, string destination, CancellationToken cancel = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        string temp = Storage.AtomicFile.TemporaryPath(destination);
        try
        {
            using var response = await client.GetAsync(archive.Url, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancel).ConfigureAwait(false);
                    length += read;
                }
            }
            string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!string.Equals(actual, archive.Sha256, StringComparison.OrdinalIgnoreCase) || (archive.Length is { } expected && expected != length))
                throw new InvalidDataException(
                    $"download of {archive.Url} failed verification: expected SHA-256 {archive.Sha256}" +
                    (archive.Length is { } size ? $" and {size} bytes" : "") +
                    $", got SHA-256 {actual} and {length} bytes. The downloaded file was deleted; nothing was stored at '{destination}'.");
            Storage.AtomicFile.Publish(temp, destination);
            return destination;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
