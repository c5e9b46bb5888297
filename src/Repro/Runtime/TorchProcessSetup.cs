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
/// - OMP_NUM_THREADS=1: the CPU-scale models are many small convolutions whose cost is per call, not
///   per FLOP; measured here on 2 busy cores, a NASNet-mini training step took 309 ms on one thread and
///   582 ms on two. One thread per process also keeps results independent of the core count. Set
///   OMP_NUM_THREADS to use more (the thread count is part of a run's numerics and of its cache namespace).
/// </summary>
public static class TorchProcessSetup
{
    static readonly object Gate = new();
    static KernelPin? pin;

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

    [DllImport("libc", SetLastError = true)]
    static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc")]
    static extern IntPtr getenv(string name);
}
