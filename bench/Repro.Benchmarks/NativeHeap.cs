using System.Runtime.InteropServices;

namespace Repro.Benchmarks;

/// <summary>
/// glibc's own count of its heap (mallinfo2): bytes handed out and not freed, and bytes freed but kept. A native
/// leak grows the first; an allocator that keeps freed buffers (MallocTuning) or fragments grows the second.
/// </summary>
public readonly record struct NativeHeap(long InUseBytes, long FreeBytes, long MappedBytes)
{
    [StructLayout(LayoutKind.Sequential)]
    struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    static extern MallInfo2 Read2();

    /// <summary>The main arena's counts plus mmapped blocks; zeros where glibc is older than 2.33 or absent.</summary>
    public static NativeHeap Read()
    {
        try
        {
            var info = Read2();
            return new NativeHeap((long)info.Uordblks + (long)info.Hblkhd, (long)info.Fordblks, (long)info.Hblkhd);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return default;
        }
    }
}
