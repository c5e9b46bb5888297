using System.Diagnostics;

namespace Repro.Unit.Storage;

/// <summary>
/// A tmpfs of a few hundred KiB mounted on a fresh folder, so writes meet the kernel's real ENOSPC; unmounted on
/// dispose. Needs root with the right to mount (as on the project's machines); elsewhere the test is skipped with why.
/// </summary>
internal sealed class SmallTmpfs : IDisposable
{
    SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    public static SmallTmpfs Mount(int kibibytes)
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Ignore("mounting a tmpfs needs root on Linux");
        var folder = Directory.CreateTempSubdirectory("tmpfs-").FullName;
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={kibibytes}k", "tmpfs", folder);
        if (code != 0)
        {
            Directory.Delete(folder);
            Assert.Ignore($"could not mount a tmpfs ({error.Trim()})");
        }
        return new SmallTmpfs(folder);
    }

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path, recursive: true);
    }

    static (int Code, string Error) Run(string file, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
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
