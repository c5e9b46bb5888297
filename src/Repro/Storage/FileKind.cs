namespace Repro.Storage;

/// <summary>What a path names, following symbolic links, as the kernel says (statx): a store refuses what is not a regular file by its kind.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    SymbolicLinkLoop,
    /// <summary>Not known here (another operating system, or statx refused): callers fall back to what .NET sees.</summary>
    Unknown,
}

/// <summary>Reads a path's <see cref="FileKind"/>; statx's layout is the same on every Linux architecture.</summary>
public static class FileKinds
{
    const int ENoEnt = 2, ENotDir = 20, ELoop = 40;

    public static FileKind Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return File.Exists(path) ? FileKind.Regular : Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
        if (Statx.Read(path, Statx.Type) is not var (read, errno)) return FileKind.Unknown;
        if (read is not { } buffer)
            return errno switch { ENoEnt or ENotDir => FileKind.Missing, ELoop => FileKind.SymbolicLinkLoop, _ => FileKind.Unknown };
        int mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;   // stx_mode's S_IFMT bits
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
    }

    /// <summary>"a FIFO (named pipe)", "a character device"...: for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.SymbolicLinkLoop => "a loop of symbolic links",
        FileKind.Directory => "a folder",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };
}
