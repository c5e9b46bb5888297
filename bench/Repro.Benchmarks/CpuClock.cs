using System.Runtime.InteropServices;

namespace Repro.Benchmarks;

/// <summary>
/// CPU time this process has used (clock_gettime(CLOCK_PROCESS_CPUTIME_ID)), GC and JIT threads included. On a
/// machine shared with other jobs, wall-clock times swing with their load; the CPU time a run costs moves far
/// less, so the side-by-side table gives both, and the PyTorch script reads the same clock (time.process_time).
/// </summary>
public static class CpuClock
{
    const int ProcessCpuTimeId = 2;

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Milliseconds of CPU time since the process started.</summary>
    public static double Milliseconds()
    {
        if (ClockGetTime(ProcessCpuTimeId, out var t) != 0) return double.NaN;
        return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
    }
}
