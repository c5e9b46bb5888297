using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Repro;

/// <summary>
/// Process-wide native settings that must be in place before libtorch loads.
/// libtorch's OpenMP threads spin while waiting by default; when two processes share few cores (the
/// Unit and Claims test hosts run side by side, or a CI box is busy) the spinning threads steal each
/// other's time slices: measured here, PGD-10 on an 8-bit model went from 4 s to 30 s. A passive wait
/// policy removes that and costs nothing measurable on an idle machine.
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
    }

    [DllImport("libc", SetLastError = true)]
    static extern int setenv(string name, string value, int overwrite);
}
