using System.Text.Json;

namespace Repro.Experiments.Artifacts;

/// <summary>
/// Content-addressed cache of artifacts: <c>root/kind/key/</c> holds an artifact's files and, written
/// last, its <c>manifest.json</c>. An artifact is built in a temporary folder and renamed into place,
/// so a crash never leaves a half-written artifact visible; a file lock per key keeps two processes
/// (the Unit and Claims test hosts, say) from training the same model twice.
/// Long work keeps resumable state in <see cref="PartialDirectory"/>, which survives interruptions.
/// </summary>
public sealed class ArtifactStore
{
    public const string ManifestFile = "manifest.json";

    public ArtifactStore(string root)
    {
        if (string.IsNullOrWhiteSpace(root)) throw new ArgumentException("artifact cache root must be a path");
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string DirectoryOf(ArtifactKey key) => Path.Combine(Root, key.Kind, key.ToString());

    /// <summary>Where an interrupted build of <paramref name="key"/> keeps its checkpoints until it completes.</summary>
    public string PartialDirectory(ArtifactKey key)
    {
        var dir = Path.Combine(Root, key.Kind, key + ".partial");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public bool Exists(ArtifactKey key) => File.Exists(Path.Combine(DirectoryOf(key), ManifestFile));

    public ArtifactManifest? Manifest(ArtifactKey key)
    {
        var path = Path.Combine(DirectoryOf(key), ManifestFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<ArtifactManifest>(File.ReadAllText(path))
                ?? throw new InvalidDataException("empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"artifact manifest '{path}' is corrupt ({e.Message}); delete the folder '{DirectoryOf(key)}' to rebuild it", e);
        }
    }

    /// <summary>
    /// Returns the artifact's folder, building it first if absent: <paramref name="build"/> writes
    /// its files into the folder it is given; the folder becomes visible only once complete.
    /// </summary>
    public string GetOrBuild(IRecipe recipe, Action<string> build, Func<IReadOnlyDictionary<string, string>>? summary = null)
    {
        var key = ArtifactKey.For(recipe);
        var final = DirectoryOf(key);
        if (Exists(key)) return final;

        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        using var exclusive = AcquireLock(key);
        if (Exists(key)) return final;   // another process built it while we waited

        var started = DateTimeOffset.UtcNow;
        var temp = Path.Combine(Root, key.Kind, $".tmp-{key}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            build(temp);
            var manifest = new ArtifactManifest(key.ToString(), recipe.Kind, recipe.Canonical(), started, DateTimeOffset.UtcNow,
                summary?.Invoke() ?? new Dictionary<string, string>());
            Storage.AtomicFile.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, JsonOptions));
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);   // a folder without manifest is debris
            Directory.Move(temp, final);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        var partial = Path.Combine(Root, key.Kind, key + ".partial");
        TryDelete(partial);
        return final;
    }

    static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    FileStream AcquireLock(ArtifactKey key)
    {
        var path = Path.Combine(Root, key.Kind, key + ".lock");
        var deadline = DateTime.UtcNow.AddHours(12);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }

    static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
