using System.Diagnostics;

namespace Repro.Unit.Storage;

/// <summary>
/// Makes a folder (or a file) unchangeable for this process until disposed: a folder by its mode bits, or, for root (whom
/// mode bits do not stop) and for a file (which a rename replaces whatever its mode), by the immutable attribute, which
/// binds root too. Where neither is possible the test is skipped, saying why.
/// </summary>
internal sealed class ReadOnlyPath : IDisposable
{
    readonly string path;
    readonly UnixFileMode? mode;

    ReadOnlyPath(string path, UnixFileMode? mode)
    {
        this.path = path;
        this.mode = mode;
    }

    public static ReadOnlyPath Make(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("read-only folders are POSIX mode bits or attributes here");
            throw new UnreachableException();
        }
        if (!Environment.IsPrivilegedProcess && Directory.Exists(path))
        {
            var mode = File.GetUnixFileMode(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return new ReadOnlyPath(path, mode);
        }
        var (code, error) = Chattr("+i", path);
        if (code != 0) Assert.Ignore($"'chattr +i' (needed for root, and for a file) failed ({error.Trim()})");
        return new ReadOnlyPath(path, null);
    }

    public void Dispose()
    {
        if (mode is { } original && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, original);
        else Chattr("-i", path);
    }

    static (int Code, string Error) Chattr(string flag, string target)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, target]) { RedirectStandardError = true, UseShellExecute = false })!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
