using System.Diagnostics;

namespace Repro.Unit.Storage;

/// <summary>
/// Makes a folder read-only for this process until disposed: by its mode bits, or, for root (whom mode bits do not
/// stop), by the immutable attribute, which binds root too. Where neither is possible the test is skipped with why.
/// </summary>
internal sealed class ReadOnlyFolder : IDisposable
{
    readonly string path;
    readonly UnixFileMode? mode;

    ReadOnlyFolder(string path, UnixFileMode? mode)
    {
        this.path = path;
        this.mode = mode;
    }

    public static ReadOnlyFolder Make(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("read-only folders are POSIX mode bits or attributes here");
            throw new UnreachableException();
        }
        if (!Environment.IsPrivilegedProcess)
        {
            var mode = File.GetUnixFileMode(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return new ReadOnlyFolder(path, mode);
        }
        var (code, error) = Chattr("+i", path);
        if (code != 0) Assert.Ignore($"running as root, whom mode bits do not stop, and 'chattr +i' failed ({error.Trim()})");
        return new ReadOnlyFolder(path, null);
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
