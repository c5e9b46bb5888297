namespace Repro.Storage;

/// <summary>
/// Creates a folder Repro writes into, or says plainly why it cannot: a file stands where the folder (or one
/// above it) should be, or this user may not write there. The role names the folder as the user knows it
/// ("the artifact cache (REPRO_CACHE)", "the reports folder (--reports)").
/// </summary>
public static class WritableFolder
{
    public static string Ensure(string path, string role)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new ArgumentException($"{role} '{full}' is a file; it must be a folder");
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (IOException e) when (FileAbove(full) is { } file)
        {
            throw new ArgumentException($"{role} '{full}' cannot be created: '{file}' is a file, where a folder is expected", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException(
                $"{role} '{full}' cannot be created: this user may not write in '{NearestExisting(full)}'", e);
        }
        return full;
    }

    /// <summary>The first ancestor of <paramref name="path"/> that is a file, or null.</summary>
    static string? FileAbove(string path)
    {
        for (var dir = Path.GetDirectoryName(path); dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(dir)) return dir;
        return null;
    }

    static string NearestExisting(string path)
    {
        for (var dir = path; dir is not null; dir = Path.GetDirectoryName(dir))
            if (Directory.Exists(dir)) return dir;
        return path;
    }
}
