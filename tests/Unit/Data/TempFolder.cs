namespace Repro.Unit.Data;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "repro-data-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="bytes"/> at the '/'-separated <paramref name="relative"/> path, creating folders.</summary>
    public string Write(string relative, byte[] bytes)
    {
        string file = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    public string Combine(string relative) => System.IO.Path.Combine([Path, .. relative.Split('/')]);

    /// <summary>Every file below the folder, as '/'-separated relative paths.</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f).Replace('\\', '/')).Order()];

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
