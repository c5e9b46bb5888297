using System.Collections.Concurrent;
using System.Text.Json;
using Repro.Storage;

namespace Repro.Harness.Artifacts;

/// <summary>
/// Content-addressed cache of artifacts: <c>root/kind/key/</c> holds an artifact's files and, written
/// last, its <c>manifest.json</c> with the SHA-256 of each file. An artifact is built in a temporary folder,
/// its files forced to disk, and renamed into place, so a crash never leaves a half-written artifact visible;
/// a file lock per key keeps two processes (the Unit and Claims test hosts, say) from training the same model
/// twice. Before an artifact is used its files are checked against the manifest (once per store), so a file
/// truncated or changed on disk is an error naming it, not a silently wrong model.
/// Long work keeps resumable state in <see cref="PartialDirectory"/>, which survives interruptions. Opening the
/// store removes what killed processes left: temporary folders and lock files nobody holds, temporary files in
/// resumable folders whose writer has ended (<see cref="Swept"/>).
/// </summary>
public sealed class ArtifactStore
{
    public const string ManifestFile = "manifest.json";
    const string TemporaryPrefix = ".tmp-";
    const string LockSuffix = ".lock";
    const string PartialSuffix = ".partial";

    readonly ConcurrentDictionary<ArtifactKey, bool> verified = new();

    public ArtifactStore(string root)
    {
        if (string.IsNullOrWhiteSpace(root)) throw new ArgumentException("artifact cache root must be a path");
        Root = WritableFolder.Ensure(root, "the artifact cache (--cache or REPRO_CACHE)");
        Swept = SweepStale();
    }

    public string Root { get; }

    /// <summary>What opening the store removed: leftovers of processes that were killed while building.</summary>
    public IReadOnlyList<string> Swept { get; }

    public string DirectoryOf(ArtifactKey key) => Path.Combine(Root, key.Kind, key.ToString());

    /// <summary>Where an interrupted build of <paramref name="key"/> keeps its checkpoints until it completes.</summary>
    public string PartialDirectory(ArtifactKey key)
    {
        var dir = Path.Combine(Root, key.Kind, key + PartialSuffix);
        Writable(() => Directory.CreateDirectory(dir), key);
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
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw new CorruptArtifactException($"artifact manifest '{path}' is corrupt ({e.Message}); delete the folder '{DirectoryOf(key)}' to rebuild it", e);
        }
    }

    /// <summary>
    /// Checks every file of a stored artifact against the SHA-256 its manifest recorded (once per key and store).
    /// Manifests written before checksums were recorded list none, and pass.
    /// </summary>
    /// <exception cref="CorruptArtifactException">A file is missing or differs; the message names it and the folder to delete.</exception>
    public void Verify(ArtifactKey key)
    {
        if (verified.ContainsKey(key)) return;
        var dir = DirectoryOf(key);
        var manifest = Manifest(key) ?? throw new CorruptArtifactException($"artifact {key} has no manifest in '{dir}'");
        if (FirstDamage(dir, manifest) is { } problem) throw Damaged(key, problem);
        verified[key] = true;
    }

    /// <summary>
    /// Checks an artifact folder read outside a store (audit, harden, serve and export of a cache artifact) against its
    /// manifest's SHA-256s, as <see cref="Verify"/> does for the store's own reads.
    /// </summary>
    /// <exception cref="CorruptArtifactException">A file is missing or differs; the message names it and the folder.</exception>
    public static void VerifyFolder(string dir, ArtifactManifest manifest)
    {
        if (FirstDamage(dir, manifest) is { } problem)
            throw new CorruptArtifactException($"cached artifact {manifest.Key} is damaged: {problem}. Delete '{dir}' and rebuild it (repro reproduce does)");
    }

    /// <summary>What is wrong with the first file that does not match its recorded SHA-256, or null when all match.</summary>
    static string? FirstDamage(string dir, ArtifactManifest manifest)
    {
        foreach (var (name, expected) in manifest.Files ?? new Dictionary<string, string>())
        {
            var path = Path.Combine(dir, name.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(path)) return $"'{path}' is missing, though its manifest lists it";
            var actual = FileChecksum.Sha256(path);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                return $"'{path}' ({new FileInfo(path).Length} bytes) has SHA-256 {actual[..16]}..., but its manifest recorded " +
                    $"{expected[..Math.Min(16, expected.Length)]}... when it was written: it was truncated or changed since";
        }
        return null;
    }

    /// <summary>
    /// Returns the artifact's folder, building it first if absent: <paramref name="build"/> writes
    /// its files into the folder it is given; the folder becomes visible only once complete. A stored
    /// artifact is verified against its manifest before it is returned.
    /// </summary>
    public string GetOrBuild(IRecipe recipe, Action<string> build, Func<IReadOnlyDictionary<string, string>>? summary = null)
    {
        var key = ArtifactKey.For(recipe);
        var final = DirectoryOf(key);
        if (Exists(key))
        {
            Verify(key);
            return final;
        }

        var kindFolder = Path.Combine(Root, key.Kind);
        Writable(() => Directory.CreateDirectory(kindFolder), key);
        var exclusive = Writable(() => AcquireLock(key), key);
        try
        {
            if (Exists(key))   // another process built it while we waited
            {
                Verify(key);
                return final;
            }
            Build(recipe, key, final, kindFolder, build, summary);
        }
        finally
        {
            // The file goes while still held. A waiter that opened it before may now lock the unlinked file while a newcomer
            // locks a new one: both then find the artifact, or both build and the first to publish stands (Build).
            BestEffort(() => { File.Delete(LockPath(key)); return ""; });
            exclusive.Dispose();
        }
        verified[key] = true;
        TryDelete(Path.Combine(kindFolder, key + PartialSuffix));
        return final;
    }

    /// <summary>Builds into a temporary folder and publishes it under <paramref name="final"/> (or keeps the copy another builder published first).</summary>
    void Build(IRecipe recipe, ArtifactKey key, string final, string kindFolder, Action<string> build, Func<IReadOnlyDictionary<string, string>>? summary)
    {
        // Holding the key's lock, any temporary folder of this key is a killed builder's.
        foreach (var stale in Directory.GetDirectories(kindFolder, $"{TemporaryPrefix}{key}-*")) TryDelete(stale);
        var started = DateTimeOffset.UtcNow;
        var temp = Path.Combine(kindFolder, $"{TemporaryPrefix}{key}-{Guid.NewGuid():N}");
        Writable(() => Directory.CreateDirectory(temp), key);
        building[temp] = true;
        try
        {
            build(temp);
            var files = Seal(temp);
            var manifest = new ArtifactManifest(key.ToString(), recipe.Kind, recipe.Canonical(), started, DateTimeOffset.UtcNow,
                summary?.Invoke() ?? new Dictionary<string, string>(), files);
            AtomicFile.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, JsonOptions));
            // Two builders can meet when a lock file was swept between one's open and its lock: the first complete
            // artifact stands (the same bits), the second discards its copy rather than replace what readers may hold.
            if (Exists(key))
            {
                TryDelete(temp);
                return;
            }
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);   // a folder without manifest is debris
            Directory.Move(temp, final);
            FileSync.Folder(kindFolder);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            building.TryRemove(temp, out _);
        }
    }

    /// <summary>The temporary folders this store is building into right now.</summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> building = new();

    /// <summary>
    /// Removes the temporary folders of builds still in flight, for a process that is being interrupted (SIGINT, SIGTERM):
    /// complete artifacts and resumable checkpoints stay, so a rerun resumes. Best effort; returns what was removed.
    /// </summary>
    public IReadOnlyList<string> RemoveBuildsInFlight() => building.Keys.Where(TryDelete).ToList();

    /// <summary>
    /// Holds <paramref name="key"/>'s lock until disposed, for work that shares state under a key without building it
    /// (a training run whose snapshots are separate artifacts, Figure 1).
    /// </summary>
    public IDisposable Lock(ArtifactKey key)
    {
        Writable(() => Directory.CreateDirectory(Path.Combine(Root, key.Kind)), key);
        return new HeldLock(Writable(() => AcquireLock(key), key), LockPath(key));
    }

    /// <summary>A lock whose file goes, while still held, when it is released.</summary>
    sealed class HeldLock(FileStream held, string path) : IDisposable
    {
        public void Dispose()
        {
            BestEffort(() => { File.Delete(path); return ""; });
            held.Dispose();
        }
    }

    static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Forces every file the build wrote to disk and returns its SHA-256 by relative path.</summary>
    static Dictionary<string, string> Seal(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            FileSync.File(path);
            files[Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/')] = FileChecksum.Sha256(path);
        }
        foreach (var dir in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Append(folder)) FileSync.Folder(dir);
        return new Dictionary<string, string>(files, StringComparer.Ordinal);
    }

    FileStream AcquireLock(ArtifactKey key)
    {
        var path = LockPath(key);
        var deadline = DateTime.UtcNow.AddHours(12);
        while (true)
        {
            if (TryLock(path) is { } held) return held;
            if (DateTime.UtcNow >= deadline)
                throw new IOException($"'{path}' stayed locked for 12 hours: another process is building {key}; stop it or wait for it");
            Thread.Sleep(500);
        }
    }

    string LockPath(ArtifactKey key) => Path.Combine(Root, key.Kind, key + LockSuffix);

    /// <summary>
    /// The key's lock if nobody holds it now, else null. The lock dies with its holder; the file is deleted by the holder while
    /// it still holds it (GetOrBuild) or by the sweep of a killed holder's leftovers.
    /// </summary>
    static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (HeldByAnother(e))
        {
            return null;
        }
    }

    // EWOULDBLOCK from flock (Linux 11, macOS 35); ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION on Windows.
    static bool HeldByAnother(IOException e) => OperatingSystem.IsWindows()
        ? e.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021)
        : e.HResult == (OperatingSystem.IsMacOS() ? 35 : 11);

    /// <summary>
    /// Removes what processes killed mid-build left: a temporary folder whose key nobody holds locked, a lock file nobody
    /// holds (the lock itself dies with its process, the file stays), and temporary files of ended writers in resumable
    /// folders. Complete artifacts and resumable checkpoints are never touched; what cannot be removed (a read-only
    /// cache) is left.
    /// </summary>
    IReadOnlyList<string> SweepStale()
    {
        var removed = new List<string>();
        foreach (var kindFolder in Listed(() => Directory.GetDirectories(Root)))
        {
            foreach (var temp in Listed(() => Directory.GetDirectories(kindFolder, TemporaryPrefix + "*")))
            {
                var name = Path.GetFileName(temp);
                if (name.Length <= TemporaryPrefix.Length + 33) continue;
                var key = name[TemporaryPrefix.Length..^33];   // .tmp-<key>-<32 hex digits>
                var lockFile = Path.Combine(kindFolder, key + LockSuffix);
                bool lockLeft = File.Exists(lockFile);
                using var held = BestEffort(() => TryLock(lockFile));
                if (held is null) continue;
                if (TryDelete(temp)) removed.Add(temp);
                if (lockLeft && BestEffort(() => { File.Delete(lockFile); return ""; }) is not null) removed.Add(lockFile);
            }
            foreach (var lockFile in Listed(() => Directory.GetFiles(kindFolder, "*" + LockSuffix)))
            {
                using var held = BestEffort(() => TryLock(lockFile));
                // Deleted while held: a builder that opened it meanwhile finds the artifact or builds a benign duplicate (Build).
                if (held is not null && BestEffort(() => { File.Delete(lockFile); return ""; }) is not null) removed.Add(lockFile);
            }
            foreach (var partial in Listed(() => Directory.GetDirectories(kindFolder, "*" + PartialSuffix)))
            {
                removed.AddRange(AtomicFile.SweepStale(partial));
                // An empty one holds nothing to resume from; a writer that still wants it recreates it (AtomicFile does).
                if (Listed(() => Directory.GetFileSystemEntries(partial)).Length == 0 && TryDeleteEmpty(partial)) removed.Add(partial);
            }
        }
        return removed;
    }

    static string[] Listed(Func<string[]> list) => BestEffort(list) ?? Array.Empty<string>();

    static T? BestEffort<T>(Func<T?> step) where T : class
    {
        try { return step(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Runs a step that writes into the cache; a permission error becomes one that says which cache and what to do.</summary>
    T Writable<T>(Func<T> step, ArtifactKey key)
    {
        try
        {
            return step();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException(
                $"the artifact cache '{Root}' is not writable by this user, and {key} is not in it yet ({e.Message}); " +
                "use a cache folder you can write (--cache DIR or REPRO_CACHE), or have its owner build it", e);
        }
        catch (IOException e) when (FileInTheWay(key) is { } file)
        {
            throw new CorruptArtifactException(
                $"the artifact cache '{Root}' has a file at '{file}', where it keeps {key.Kind} artifacts in a folder; move that file away and rerun", e);
        }
    }

    /// <summary>A file where the cache needs a folder for <paramref name="key"/> (its kind's folder or the artifact's own), or null.</summary>
    string? FileInTheWay(ArtifactKey key) =>
        new[] { Root, Path.Combine(Root, key.Kind), DirectoryOf(key) }.FirstOrDefault(File.Exists);

    CorruptArtifactException Damaged(ArtifactKey key, string problem) =>
        new($"cached artifact {key} is damaged: {problem}. Delete '{DirectoryOf(key)}' to rebuild it (the next run then does)");

    static bool TryDeleteEmpty(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: false);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    static bool TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
