using System.Globalization;

namespace Repro.Storage;

/// <summary>Who holds a lock on a file, from Linux's /proc/locks (matched by the file's device and inode); empty elsewhere or when unknown.</summary>
public static class FileLocks
{
    public static IReadOnlyList<int> Holders(string path)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/locks") || Identity(path) is not { } id) return Array.Empty<int>();
        var pids = new List<int>();
        try
        {
            foreach (var line in File.ReadLines("/proc/locks"))
            {
                // "1: POSIX  ADVISORY  WRITE 4242 08:01:1311768 1073741824 1073742335"
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                int at = Array.FindIndex(fields, f => f.Count(c => c == ':') == 2);
                if (at < 1 || !int.TryParse(fields[at - 1], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
                var parts = fields[at].Split(':');
                if (parts.Length == 3 && ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode) && inode == id.Inode
                    && uint.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint major) && major == id.Major
                    && uint.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint minor) && minor == id.Minor)
                    pids.Add(pid);
            }
        }
        catch (IOException)
        {
        }
        return pids.Distinct().ToList();
    }

    /// <summary>A process's command line, or "unknown".</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return text.Length == 0 ? "unknown" : text.Length > 120 ? text[..120] + "..." : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    static (ulong Inode, uint Major, uint Minor)? Identity(string path) =>
        // statx: stx_ino at 32 (u64), stx_dev_major at 136 and stx_dev_minor at 140 (u32).
        Statx.Read(path, Statx.Ino) is ({ } buffer, _)
            ? (BitConverter.ToUInt64(buffer, 32), BitConverter.ToUInt32(buffer, 136), BitConverter.ToUInt32(buffer, 140))
            : null;
}
