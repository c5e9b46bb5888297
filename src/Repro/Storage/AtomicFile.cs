using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Repro.Storage;

/// <summary>
/// The one way Repro writes a file that others read (DESIGN.md §6): a temporary file in the target's folder,
/// its bytes forced to disk, a rename over the target, then the folder forced to disk. A reader sees the old
/// file or the new one, never half of it, across a kill or a power cut. A temporary file's name carries the
/// writing process's id, so <see cref="SweepStale"/> can remove what a killed process left without touching
/// what a live one is writing.
/// </summary>
public static partial class AtomicFile
{
    static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string contents) => WriteAllBytes(path, Utf8NoBom.GetBytes(contents));

    public static void WriteAllBytes(string path, byte[] contents) => Write(path, stream => stream.Write(contents));

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>, which fills the stream it is given (and may
    /// dispose it). Without <paramref name="overwrite"/>, an existing target is an error and stays as it was.
    /// </summary>
    public static void Write(string path, Action<Stream> write, bool overwrite = true)
    {
        string target = Target(path, overwrite);
        string temporary = TemporaryPath(target);
        try
        {
            // Read-write and seekable, as a zip writer wants; nothing else reads it before the rename.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                if (stream.CanWrite) stream.Flush(flushToDisk: true);
            }
            Publish(temporary, target, overwrite);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Makes a finished temporary file (in the target's folder; see <see cref="TemporaryPath"/>) the target: forces
    /// its bytes to disk, renames it, and forces the folder to disk. For writers that fill the temporary file themselves.
    /// </summary>
    public static void Publish(string temporary, string target, bool overwrite = true)
    {
        FileSync.File(temporary);
        if (!overwrite && File.Exists(target)) throw new IOException($"'{target}' already exists; it was left as it was");
        File.Move(temporary, target, overwrite);
        FileSync.Folder(Path.GetDirectoryName(Path.GetFullPath(target))!);
    }

    /// <summary>Renames <paramref name="source"/> over <paramref name="target"/> in one step, durably (same guarantees as <see cref="Publish"/>).</summary>
    public static void Replace(string source, string target) => Publish(source, target);

    /// <summary>A fresh temporary name beside <paramref name="target"/> (same folder, so the rename stays on one file system).</summary>
    public static string TemporaryPath(string target)
    {
        string full = Path.GetFullPath(target);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
    }

    /// <summary>
    /// Deletes the temporary files in <paramref name="folder"/> whose writing process has ended (killed before it could
    /// clean up); a file whose process still runs is left alone. Best effort: what cannot be deleted stays.
    /// </summary>
    /// <returns>The paths deleted.</returns>
    public static IReadOnlyList<string> SweepStale(string folder)
    {
        var deleted = new List<string>();
        if (!Directory.Exists(folder)) return deleted;
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp"))
            {
                var match = TemporaryName().Match(Path.GetFileName(file));
                if (!match.Success || !int.TryParse(match.Groups["pid"].Value, out int pid)) continue;
                if (WriterAlive(pid, File.GetLastWriteTimeUtc(file))) continue;
                if (TryDelete(file)) deleted.Add(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return deleted;
    }

    /// <summary>Whether process <paramref name="pid"/> is the one that wrote a file last written at <paramref name="writtenUtc"/>.</summary>
    internal static bool WriterAlive(int pid, DateTime writtenUtc)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // A process that started after the file was last written reuses the id of the one that wrote it.
            return !process.HasExited && process.StartTime.ToUniversalTime() <= writtenUtc.AddSeconds(2);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    // .<name>.<pid>-<guid>.tmp (this writer) and .<name>.<pid>.<guid>.tmp (the reports writer before it).
    [GeneratedRegex(@"^\..+\.(?<pid>\d+)[.-][0-9a-f]{32}\.tmp$")]
    private static partial Regex TemporaryName();

    static string Target(string path, bool overwrite)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new ArgumentException($"'{full}' is a folder; expected a file to write there");
        if (!overwrite && File.Exists(full)) throw new IOException($"'{full}' already exists; it was left as it was");
        WritableFolder.Ensure(Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no parent folder"), $"the folder of {Path.GetFileName(full)}");
        return full;
    }

    static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
