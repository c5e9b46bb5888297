using System.Runtime.InteropServices;

namespace Repro.Storage;

/// <summary>Linux's statx(2), following symbolic links: its struct has the same layout on every Linux architecture.</summary>
static class Statx
{
    public const uint Type = 0x1, Ino = 0x100;

    /// <summary>The statx buffer, or the errno when the call failed; null where statx does not exist (not Linux, an old libc).</summary>
    public static (byte[]? Buffer, int Errno)? Read(string path, uint mask)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[256];
        try
        {
            return statx(-100 /* AT_FDCWD */, path, 0, mask, buffer) == 0 ? (buffer, 0) : (null, Marshal.GetLastPInvokeError());
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    static extern int statx(int dirfd, string pathname, int flags, uint mask, byte[] buffer);
}
