namespace Repro.Data;

/// <summary>
/// Finds CIFAR-10, in this order: the explicit path, the REPRO_DATA value, the user's cache folder, and last a
/// verified download of the official archive into that cache. Each place may hold the image folders
/// (train/ and test/), the binary batch folder, the binary .tar.gz, or a data root with one of them inside
/// (<c>cifar10/</c>, <c>cifar-10-batches-bin/</c>, <c>cifar-10-binary.tar.gz</c>). Reads no environment itself:
/// every input comes in through <see cref="DataSearchOptions"/>.
/// </summary>
public static class DatasetLocator
{
    /// <summary>Sub-folder of a data root that holds CIFAR-10 image folders (as in the project's shared data).</summary>
    public const string ImageFolderDirectoryName = "cifar10";

    public static LocatedDataset Locate(DataSearchOptions options) => LocateAsync(options).GetAwaiter().GetResult();

    /// <exception cref="DatasetNotFoundException">No place held the data; the message lists every place looked at.</exception>
    /// <exception cref="InvalidDataException">A download did not match its published checksum.</exception>
    public static async Task<LocatedDataset> LocateAsync(DataSearchOptions options, CancellationToken cancel = default)
    {
        var looked = new List<string>();
        if (options.ExplicitPath is { } explicitPath)
            return Probe(explicitPath, DatasetOrigin.ExplicitPath, "explicit path", options.Archive.FileName, looked)
                ?? throw new DatasetNotFoundException($"The explicitly given data path '{explicitPath}' holds no CIFAR-10", looked);
        if (options.EnvironmentPath is { Length: > 0 } environmentPath
            && Probe(environmentPath, DatasetOrigin.EnvironmentPath, "REPRO_DATA", options.Archive.FileName, looked) is { } fromEnvironment)
            return fromEnvironment;
        if (options.EnvironmentPath is null or "") looked.Add("REPRO_DATA: not set");
        if (options.CacheRoot is { } cacheRoot)
        {
            if (Probe(cacheRoot, DatasetOrigin.Cache, "user cache", options.Archive.FileName, looked) is { } cached) return cached;
        }
        else looked.Add("user cache: no cache folder given");

        if (!options.AllowDownload)
            looked.Add("download: not allowed (offline)");
        else if (options.CacheRoot is null)
            looked.Add($"download of {options.Archive.Url}: no cache folder to download into");
        else
        {
            string destination = Path.Combine(options.CacheRoot, options.Archive.FileName);
            using var client = options.HttpHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
            try
            {
                await VerifiedDownload.DownloadAsync(client, options.Archive, destination, cancel).ConfigureAwait(false);
                return new LocatedDataset(destination, DatasetLayout.BinaryArchive, DatasetOrigin.Download);
            }
            catch (HttpRequestException e)
            {
                looked.Add($"download of {options.Archive.Url}: failed ({e.Message})");
            }
        }
        throw new DatasetNotFoundException("CIFAR-10 was not found", looked);
    }

    /// <summary>The data set at <paramref name="path"/> or one level inside it; null (with the reason added to
    /// <paramref name="looked"/>) when there is none.</summary>
    private static LocatedDataset? Probe(string path, DatasetOrigin origin, string label, string archiveName, List<string> looked)
    {
        if (File.Exists(path))
        {
            if (Cifar10Binary.IsArchiveName(path)) return new LocatedDataset(path, DatasetLayout.BinaryArchive, origin);
            if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return new LocatedDataset(path, DatasetLayout.ImageFolderZip, origin);
            looked.Add($"{label} '{path}': a file, but neither a .tar.gz nor a .zip");
            return null;
        }
        if (!Directory.Exists(path))
        {
            looked.Add($"{label} '{path}': does not exist");
            return null;
        }
        foreach (string folder in new[] { path, Path.Combine(path, ImageFolderDirectoryName) })
        {
            if (Directory.Exists(Path.Combine(folder, "train")) && Directory.Exists(Path.Combine(folder, "test")))
                return new LocatedDataset(folder, DatasetLayout.ImageFolders, origin);
        }
        if (Cifar10Binary.FindBatchFolder(path) is { } batches)
            return new LocatedDataset(batches, DatasetLayout.BinaryFolder, origin);
        string archive = Path.Combine(path, archiveName);
        if (File.Exists(archive))
            return new LocatedDataset(archive, DatasetLayout.BinaryArchive, origin);
        looked.Add($"{label} '{path}': no train/ and test/ image folders (there or in {ImageFolderDirectoryName}/), " +
                   $"no {Cifar10Binary.FolderName}/ batches, no {archiveName}");
        return null;
    }
}
