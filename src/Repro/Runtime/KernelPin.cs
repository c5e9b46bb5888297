namespace Repro.Runtime;

/// <summary>
/// The kernel level this process holds libtorch, oneDNN and MKL to, decided before libtorch loads.
/// Requested: <c>REPRO_CPU_KERNELS</c> (avx2 by default; <c>native</c> lets each library pick by the
/// processor, fastest and processor-dependent). Effective: the requested level, lowered to what the
/// processor can run and to any cap set by hand in ATEN_CPU_CAPABILITY / ONEDNN_MAX_CPU_ISA /
/// MKL_ENABLE_INSTRUCTIONS (a cap set by hand acts as an older processor would). Results are
/// bit-identical between machines that run the same effective level with the same thread count.
/// </summary>
public sealed record KernelPin(CpuKernelLevel Requested, CpuKernelLevel Effective, CpuKernelLevel HostBest, string? NotHonouredReason)
{
    public const string Variable = "REPRO_CPU_KERNELS";

    /// <summary>The level pinned when the user asks for nothing.</summary>
    public static CpuKernelLevel DefaultLevel => CpuKernelLevel.Avx2;

    public bool Honoured => NotHonouredReason is null;

    /// <summary>
    /// Decides the pin from the requested level, the processor and the caps in <paramref name="environment"/>
    /// (a lookup of environment variables; pure, so tests can pass any).
    /// </summary>
    public static KernelPin Decide(Func<string, string?> environment, HostProcessor host)
    {
        var requestedText = environment(Variable);
        var requested = requestedText is { Length: > 0 }
            ? CpuKernelLevel.Find(requestedText) ?? throw new ArgumentException(
                $"{Variable}='{requestedText}' is not a kernel level; expected one of {string.Join(", ", CpuKernelLevel.All.Select(l => l.Name))}")
            : DefaultLevel;
        var best = host.BestLevel;
        var caps = CpuKernelLevel.FromCaps(environment("ATEN_CPU_CAPABILITY"), environment("ONEDNN_MAX_CPU_ISA"), environment("MKL_ENABLE_INSTRUCTIONS"));
        if (!requested.IsPinned || best == CpuKernelLevel.Native)
        {
            string? why = requested.IsPinned ? $"not an x86-64 processor ({host.Architecture}): each library picks its kernels" : null;
            return new KernelPin(requested, CpuKernelLevel.Native, best, why);
        }
        var effective = new[] { requested, best, caps ?? CpuKernelLevel.Native }.MinBy(l => l.Rank)!;
        string? reason = effective == requested ? null
            : effective == best ? $"this processor ({host.Model}) lacks {string.Join("/", requested.RequiredFlags.Where(f => !host.Flags.Contains(f)))}; its best level is {best.Name}"
            : $"capped at {effective.Name} by ATEN_CPU_CAPABILITY/ONEDNN_MAX_CPU_ISA/MKL_ENABLE_INSTRUCTIONS set in the environment";
        return new KernelPin(requested, effective, best, reason);
    }

    /// <summary>One line for logs, the ledger and the report, e.g. "avx2 (pinned; host best avx512)".</summary>
    public string Describe() =>
        !Effective.IsPinned ? $"native (not pinned{(NotHonouredReason is null ? "" : ": " + NotHonouredReason)}; host best {HostBest.Name})"
        : Honoured ? $"{Effective.Name} (pinned; host best {HostBest.Name})"
        : $"{Effective.Name} (requested {Requested.Name}: {NotHonouredReason})";
}
