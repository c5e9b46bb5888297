using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Repro;

/// <summary>
/// Process-wide native settings that must be in place before libtorch loads (a value the user set in
/// the environment wins):
/// - OMP_WAIT_POLICY=PASSIVE: libtorch's OpenMP threads spin while waiting by default; when processes
///   share few cores (the Unit and Claims test hosts run side by side) spinning threads steal each
///   other's time slices: measured here, PGD-10 on an 8-bit model went from 4 s to 30 s.
/// - OMP_NUM_THREADS=1: the CPU-scale models are many small convolutions whose cost is per call, not
///   per FLOP; measured here on 2 busy cores, a NASNet-mini training step took 309 ms on one thread and
///   582 ms on two (a tiny ReLU: 0.8 ms vs 8 ms, the second thread's wake-up dominating). One thread per
///   process also lets the two test hosts use both cores. Set OMP_NUM_THREADS to use more, e.g. for
///   paper-scale CPU work on a many-core machine.
/// </summary>
public static class TorchProcessSetup
{
    [ModuleInitializer]
    internal static void OnAssemblyLoad() => Apply();

    /// <summary>Idempotent; a value the user set in the environment wins.</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        // .NET keeps Environment.SetEnvironmentVariable in a managed copy on Unix; the OpenMP runtime
        // reads the C environment when it loads, so set it there.
        _ = setenv("OMP_WAIT_POLICY", "PASSIVE", overwrite: 0);
        _ = setenv("OMP_NUM_THREADS", "1", overwrite: 0);
    }

    [DllImport("libc", SetLastError = true)]
    static extern int setenv(string name, string value, int overwrite);
}
