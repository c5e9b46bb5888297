namespace Repro.Runtime;

/// <summary>
/// One instruction-set level for libtorch's CPU kernels, and the settings that hold libtorch (ATen),
/// oneDNN and MKL to it. libtorch picks kernels by the processor's best instruction set, so the same
/// training gives other bits on another processor; capping all three at one level gives the same kernels
/// on every x86-64 processor that has it. MKL's CNR branch is COMPATIBLE at every level: Intel documents
/// its AVX2 branch as reproducible only across Intel processors (on others it falls back to AUTO), while
/// COMPATIBLE is reproducible on any x86-64; in Repro's models MKL runs only the small GEMMs of linear
/// heads, so its slower branch costs little (measured: see the README's reproducibility section).
/// </summary>
public sealed record CpuKernelLevel(string Name, string? Aten, string? OneDnn, string? MklInstructions, string? MklBranch, IReadOnlyList<string> RequiredFlags, int Rank)
{
    /// <summary>No cap: each library picks by the processor (fastest, but results depend on the processor).</summary>
    public static CpuKernelLevel Native { get; } = new("native", null, null, null, null, Array.Empty<string>(), int.MaxValue);

    public static CpuKernelLevel Avx512 { get; } = new("avx512", "avx512", "AVX512_CORE", "AVX512", "COMPATIBLE",
        new[] { "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx2", "fma" }, 4);

    /// <summary>The default pin: every x86-64 server processor since 2013 (Intel Haswell) and 2017 (AMD Zen) has it.</summary>
    public static CpuKernelLevel Avx2 { get; } = new("avx2", "avx2", "AVX2", "AVX2", "COMPATIBLE", new[] { "avx2", "fma" }, 3);

    public static CpuKernelLevel Avx { get; } = new("avx", "default", "AVX", "AVX", "COMPATIBLE", new[] { "avx" }, 2);

    /// <summary>The lowest level the libraries know (ATen's vectorised kernels off, oneDNN's SSE4.1 JIT).</summary>
    public static CpuKernelLevel Sse41 { get; } = new("sse41", "default", "SSE41", "SSE4_2", "COMPATIBLE", new[] { "sse4_1", "sse4_2" }, 1);

    public static IReadOnlyList<CpuKernelLevel> All { get; } = new[] { Native, Avx512, Avx2, Avx, Sse41 };

    /// <summary>The pinned levels, best first.</summary>
    public static IReadOnlyList<CpuKernelLevel> Pinned { get; } = new[] { Avx512, Avx2, Avx, Sse41 };

    public bool IsPinned => Rank != int.MaxValue;

    public bool SupportedBy(IReadOnlySet<string> flags) => RequiredFlags.All(flags.Contains);

    /// <summary>The environment variables (name, value) that hold the libraries to this level; empty for <see cref="Native"/>.</summary>
    public IReadOnlyList<(string Name, string Value)> Variables()
    {
        if (!IsPinned) return Array.Empty<(string, string)>();
        return new[]
        {
            ("ATEN_CPU_CAPABILITY", Aten!),
            ("ONEDNN_MAX_CPU_ISA", OneDnn!),
            ("MKL_ENABLE_INSTRUCTIONS", MklInstructions!),
            ("MKL_CBWR", MklBranch!),
        };
    }

    /// <summary>The level a name stands for ("avx2", "native", ...), or null.</summary>
    public static CpuKernelLevel? Find(string name) =>
        All.FirstOrDefault(l => string.Equals(l.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The level that a cap set in the environment by hand stands for (ATEN_CPU_CAPABILITY, ONEDNN_MAX_CPU_ISA,
    /// MKL_ENABLE_INSTRUCTIONS): the lowest of them, as an older processor would be. Null when none is set.
    /// </summary>
    public static CpuKernelLevel? FromCaps(string? aten, string? oneDnn, string? mkl)
    {
        var levels = new List<CpuKernelLevel>();
        if (aten is { Length: > 0 })
            levels.Add(aten.Trim().ToLowerInvariant() switch { "avx512" => Avx512, "avx2" => Avx2, _ => Avx });
        if (oneDnn is { Length: > 0 })
        {
            var v = oneDnn.Trim().ToUpperInvariant();
            levels.Add(v.StartsWith("AVX512") || v.StartsWith("AVX10") || v.StartsWith("AMX") ? Avx512
                : v.StartsWith("AVX2") ? Avx2 : v == "AVX" ? Avx : v == "ALL" ? Native : Sse41);
        }
        if (mkl is { Length: > 0 })
        {
            var v = mkl.Trim().ToUpperInvariant();
            levels.Add(v.StartsWith("AVX512") ? Avx512 : v.StartsWith("AVX2") ? Avx2 : v == "AVX" ? Avx : Sse41);
        }
        return levels.Count == 0 ? null : levels.MinBy(l => l.Rank);
    }

    public override string ToString() => Name;
}
