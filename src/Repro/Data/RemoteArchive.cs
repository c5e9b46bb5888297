namespace Repro.Data;

/// <summary>A file that may be downloaded, with the published size and SHA-256 it must match.</summary>
/// <param name="Url">Where it is published.</param>
/// <param name="FileName">The name it is stored under in the cache folder.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole file.</param>
/// <param name="Length">Size in bytes, when published.</param>
public sealed record RemoteArchive(Uri Url, string FileName, string Sha256, long? Length);
