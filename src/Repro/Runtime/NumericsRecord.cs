namespace Repro.Runtime;

/// <summary>
/// Everything about this process that decides the bits of a result besides the code and the recipe: the
/// processor and its instruction sets, the kernel pin and what libtorch reports it actually runs, MKL's
/// reproducibility branch, the thread count, the allocator, the library versions. Recorded with every run
/// (ledger and report). <see cref="Namespace"/> separates cached artifacts whose bits may differ.
/// </summary>
public sealed record NumericsRecord(
    string Device,
    string ProcessorModel,
    string ProcessorFlags,
    string HostBestLevel,
    string Pin,
    string EffectiveLevel,
    bool PinHonoured,
    string AtenCapability,
    string OneDnnMaxIsa,
    string MklBranch,
    string MklVersion,
    int Threads,
    string Allocator,
    string LibTorchVersion)
{
    /// <summary>
    /// The cache namespace: artifacts built under another kernel level, thread count or device may hold other
    /// bits under the same recipe key, so they never share a folder (e.g. "cpu-avx2-t1", "cuda").
    /// </summary>
    public string Namespace => Device == "cuda" ? "cuda"
        : EffectiveLevel == CpuKernelLevel.Native.Name ? $"cpu-native-{HostBestLevel}-t{Threads}"
        : $"cpu-{EffectiveLevel}-t{Threads}";

    /// <summary>Probes this process (loads libtorch if needed).</summary>
    public static NumericsRecord Current(bool cuda)
    {
        var pin = TorchProcessSetup.Pin;
        var host = HostProcessor.Current;
        var native = NativeNumerics.Probe();
        return new NumericsRecord(
            cuda ? "cuda" : "cpu",
            host.Model,
            host.KernelFlagText,
            pin.HostBest.Name,
            pin.Describe(),
            pin.Effective.Name,
            pin.Honoured,
            native.AtenCapability,
            Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") ?? NativeValue("ONEDNN_MAX_CPU_ISA") ?? "unset (best available)",
            native.MklBranch,
            native.MklVersion,
            native.Threads,
            MallocTuning.State,
            native.LibTorchVersion);
    }

    // The pin sets variables in the C environment, which .NET's managed copy does not see.
    static string? NativeValue(string name) =>
        System.Runtime.InteropServices.Marshal.PtrToStringAnsi(getenv(name)) is { Length: > 0 } v ? v : null;

    [System.Runtime.InteropServices.DllImport("libc")]
    static extern IntPtr getenv(string name);

    /// <summary>"AMD EPYC (avx2 fma), kernels avx2 (pinned; host best avx2), ATen AVX2, MKL COMPATIBLE, 1 thread"</summary>
    public string Describe() =>
        Device == "cuda" ? $"CUDA; libtorch {LibTorchVersion}"
        : $"{ProcessorModel} ({ProcessorFlags}); kernels {Pin}; ATen {AtenCapability}, oneDNN {OneDnnMaxIsa}, MKL {MklBranch}; " +
          $"{Threads} thread{(Threads == 1 ? "" : "s")}; malloc {Allocator}; libtorch {LibTorchVersion}";
}
