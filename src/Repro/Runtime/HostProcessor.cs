namespace Repro.Runtime;

/// <summary>
/// The processor this process runs on, as the kernel reports it (<c>/proc/cpuinfo</c>): its model name and
/// the instruction-set flags that decide which kernels libtorch, oneDNN and MKL would pick by themselves.
/// </summary>
public sealed record HostProcessor(string Model, string Vendor, string Architecture, IReadOnlySet<string> Flags)
{
    /// <summary>The flags that matter for kernel selection, in ascending order of capability.</summary>
    public static IReadOnlyList<string> KernelFlags { get; } = new[]
    {
        "sse4_1", "sse4_2", "avx", "fma", "avx2", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile",
    };

    /// <summary>The best kernel level this processor can run (what libtorch picks when nothing caps it).</summary>
    public CpuKernelLevel BestLevel =>
        Architecture != "x86_64" ? CpuKernelLevel.Native
        : CpuKernelLevel.Avx512.SupportedBy(Flags) ? CpuKernelLevel.Avx512
        : CpuKernelLevel.Avx2.SupportedBy(Flags) ? CpuKernelLevel.Avx2
        : CpuKernelLevel.Avx.SupportedBy(Flags) ? CpuKernelLevel.Avx
        : CpuKernelLevel.Sse41;

    /// <summary>"avx2 fma avx512f ..." : the kernel-relevant flags present, for records and reports.</summary>
    public string KernelFlagText => string.Join(" ", KernelFlags.Where(Flags.Contains));

    static HostProcessor? current;

    /// <summary>This machine's processor (read once).</summary>
    public static HostProcessor Current => current ??= Read();

    static HostProcessor Read()
    {
        string arch = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "x86_64",
            var other => other.ToString().ToLowerInvariant(),
        };
        try
        {
            return File.Exists("/proc/cpuinfo") ? Parse(File.ReadAllText("/proc/cpuinfo"), arch) : new HostProcessor("unknown", "unknown", arch, new HashSet<string>());
        }
        catch (IOException)
        {
            return new HostProcessor("unknown", "unknown", arch, new HashSet<string>());
        }
    }

    /// <summary>Reads the first processor block of a <c>/proc/cpuinfo</c> text.</summary>
    public static HostProcessor Parse(string cpuinfo, string architecture = "x86_64")
    {
        string? model = null, vendor = null, flags = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "model name") model ??= value;
            else if (key == "vendor_id") vendor ??= value;
            else if (key is "flags" or "Features") flags ??= value;
        }
        var set = new HashSet<string>((flags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        return new HostProcessor(model ?? "unknown", vendor ?? "unknown", architecture, set);
    }
}
