using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Repro.Runtime;

/// <summary>
/// Process-wide native settings that must be in place before libtorch loads. Applied by a module
/// initializer, so the CLI, the test hosts and any program using this library get them before their first
/// tensor; a value the user set in the environment wins except where <see cref="KernelPin"/> says otherwise.
/// - The kernel pin (<see cref="KernelPin"/>): libtorch, oneDNN and MKL held to one instruction-set level,
///   so results do not depend on the processor.
/// - The allocator (<see cref="MallocTuning"/>): freed tensor buffers stay in the process.
/// - OMP_WAIT_POLICY=PASSIVE: libtorch's OpenMP threads spin while waiting by default; when processes
///   share few cores (the Unit and Claims test hosts run side by side) spinning threads steal each
///   other's time slices: measured here, PGD-10 on an 8-bit model went from 4 s to 30 s.
/// - REPRO_TORCH_LIB (<see cref="TorchLibraryPreload"/>): libtorch loaded from a folder of the user's choosing.
/// - REPRO_GC_STRESS=1 (<see cref="GcStress"/>): collections and finalizers forced continuously, the tests' stress mode.
/// - OMP_NUM_THREADS=1: the CPU-scale models are many small convolutions whose cost is per call, not
///   per FLOP; measured here on 2 busy cores, a NASNet-mini training step took 309 ms on one thread and
///   582 ms on two. One thread per process also keeps results independent of the core count. Set
///   OMP_NUM_THREADS to use more (the thread count is part of a run's numerics and of its cache namespace).
/// </summary>
public static class TorchProcessSetup
{
    static readonly object Gate = new();
    static KernelPin? pin;
    static GcStress? stress;
    static readonly List<string> problems = new();

    /// <summary>
    /// Environment values this process read and could not use, each naming the variable and what it accepts. A module
    /// initializer must not throw, so the CLI (and any host) refuses to start on them instead (<see cref="ThrowIfUnusable"/>).
    /// </summary>
    public static IReadOnlyList<string> UnusableSettings
    {
        get
        {
            Apply();
            lock (Gate) return problems.ToList();
        }
    }

    /// <summary>Throws a bad-input error naming the first unusable environment value, if any.</summary>
    public static void ThrowIfUnusable()
    {
        if (UnusableSettings is [var first, ..]) throw new ArgumentException(first);
    }

    /// <summary>True when this process runs under the stress mode (<see cref="GcStress"/>).</summary>
    public static bool UnderGcStress
    {
        get
        {
            Apply();
            return stress is not null;
        }
    }

    [ModuleInitializer]
    internal static void OnAssemblyLoad() => Apply();

    /// <summary>The pin this process runs under (decided on first use if <see cref="Apply"/> has not run).</summary>
    public static KernelPin Pin
    {
        get
        {
            Apply();
            return pin!;
        }
    }

    /// <summary>Idempotent.</summary>
    public static void Apply()
    {
        lock (Gate)
        {
            if (pin is not null) return;
            static string? Read(string name) => Marshal.PtrToStringAnsi(getenv(name)) is { Length: > 0 } v ? v : null;
            MallocTuning.Apply(Read);
            if (Read("OMP_NUM_THREADS") is { } threads && !IsThreadCount(threads))
                problems.Add($"OMP_NUM_THREADS='{threads}' is not a thread count; set a whole number from 1 up (or unset it for Repro's default of 1)");
            try
            {
                if (GcStress.IsRequested(Read(GcStress.Variable))) stress = GcStress.Start();
            }
            catch (ArgumentException e)
            {
                problems.Add(e.Message);
            }
            KernelPin decided;
            try
            {
                decided = KernelPin.Decide(Read, HostProcessor.Current);
            }
            catch (ArgumentException e)
            {
                // A mistyped REPRO_CPU_KERNELS must not stop a module initializer; the default pin holds and the record says why.
                decided = KernelPin.Decide(name => name == KernelPin.Variable ? null : Read(name), HostProcessor.Current) with
                {
                    NotHonouredReason = e.Message + "; the default pin was used",
                };
            }
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                pin = decided;
                return;
            }
            // .NET keeps Environment.SetEnvironmentVariable in a managed copy on Unix; libtorch, oneDNN, MKL and
            // the OpenMP runtime read the C environment, so set it there.
            foreach (var (name, value) in decided.Effective.Variables()) _ = setenv(name, value, overwrite: 1);
            _ = setenv("OMP_WAIT_POLICY", "PASSIVE", overwrite: 0);
            _ = setenv("OMP_NUM_THREADS", "1", overwrite: 0);
            TorchLibraryPreload.Apply(Read(TorchLibraryPreload.Variable));
            pin = decided;
        }
    }

    static bool IsThreadCount(string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 1;

    [DllImport("libc", SetLastError = true)]
    static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc")]
    static extern IntPtr getenv(string name);
}
