namespace Repro.Benchmarks;

/// <summary>
/// This process's resident set as the kernel counts it (<c>/proc/self/status</c>): native tensor buffers
/// included, which the .NET GC's numbers never see.
/// </summary>
public readonly record struct ResidentMemory(long CurrentKiB, long PeakKiB)
{
    public static ResidentMemory Read()
    {
        long current = -1, peak = -1;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) current = Kib(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kib(line);
        }
        return new ResidentMemory(current, peak);
    }

    static long Kib(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
