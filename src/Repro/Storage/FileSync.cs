using System.Runtime.InteropServices;

namespace Repro.Storage;

/// <summary>
/// Forces a file's bytes, or a folder's entries, to the disk. A rename is durable only once its folder is
/// synced: without that, a rename that returned can still be undone by a power cut.
/// </summary>
public static partial class FileSync
{
    // Some file systems cannot sync a folder and say so; the rename is then as durable as they make it.
    const int EINVAL = 22, ENOTSUP = 95, EOPNOTSUPP_BSD = 45;

    /// <summary>fsync(2) of a file this process may write.</summary>
    public static void File(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>fsync(2) of a folder, so that files created, renamed or removed in it stay so after a crash (POSIX only).</summary>
    public static void Folder(string path)
    {
        if (OperatingSystem.IsWindows()) return;   // NTFS journals renames itself; a folder cannot be opened for sync there
        int fd = Open(path, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open the folder '{path}' to sync it to disk: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
        try
        {
            if (Fsync(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is not (EINVAL or ENOTSUP or EOPNOTSUPP_BSD))
                    throw new IOException($"cannot sync the folder '{path}' to disk: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
