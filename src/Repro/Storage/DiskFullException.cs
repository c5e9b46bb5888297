namespace Repro.Storage;

/// <summary>
/// A write failed because the device (or the user's quota) is full. <see cref="Matches"/> also recognises the
/// operating system's own IOException for it, so every layer reports a full disk the same way.
/// </summary>
public sealed class DiskFullException(string message, Exception? inner = null) : IOException(message, inner)
{
    // errno on Linux and macOS (ENOSPC, EDQUOT), HRESULTs on Windows (ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL).
    const int Enospc = 28, EdquotLinux = 122, EdquotMac = 69;
    const int WindowsDiskFull = unchecked((int)0x80070070), WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static bool Matches(Exception e) => e is DiskFullException
        || (e is IOException io && (OperatingSystem.IsWindows()
            ? io.HResult is WindowsDiskFull or WindowsHandleDiskFull
            : io.HResult == Enospc || io.HResult == (OperatingSystem.IsMacOS() ? EdquotMac : EdquotLinux)));
}
