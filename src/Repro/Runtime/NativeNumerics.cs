using System.Runtime.InteropServices;
using TorchSharp;

namespace Repro.Runtime;

/// <summary>
/// What libtorch actually runs with, asked of the loaded library rather than inferred from the environment:
/// ATen's CPU capability (<c>at::get_cpu_capability()</c>), MKL's reproducibility branch
/// (<c>mkl_cbwr_get</c>) and version, the intra-op thread count. Each probe answers "unknown" where the
/// symbol is absent (another libtorch build, a CUDA-only runner), never throws.
/// </summary>
public sealed record NativeNumerics(string AtenCapability, string MklBranch, string MklVersion, int Threads, string LibTorchVersion)
{
    /// <summary>Probes the loaded libtorch (loading it if needed).</summary>
    public static NativeNumerics Probe()
    {
        int threads;
        string version;
        try
        {
            threads = torch.get_num_threads();
            version = torch.__version__;
        }
        catch (Exception e) when (e is DllNotFoundException or NotSupportedException or InvalidOperationException or TypeInitializationException)
        {
            return new NativeNumerics("unknown", "unknown", "unknown", 0, "unavailable: " + e.Message);
        }
        var library = LibTorchCpu();
        return new NativeNumerics(Safe(() => ReadAtenCapability(library)), Safe(() => ReadMklBranch(library)), Safe(() => ReadMklVersion(library)), threads, version);
    }

    static string Safe(Func<string> probe)
    {
        try { return probe(); }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException or InvalidOperationException or AccessViolationException) { return "unknown"; }
    }

    static IntPtr LibTorchCpu()
    {
        if (NativeLibrary.TryLoad("libtorch_cpu.so", out var handle)) return handle;
        var bundled = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libtorch_cpu.so");
        return File.Exists(bundled) && NativeLibrary.TryLoad(bundled, out handle) ? handle : IntPtr.Zero;
    }

    // libstdc++'s std::string (C++11 ABI): pointer, length, then 16 bytes of in-place buffer for short strings.
    [StructLayout(LayoutKind.Sequential)]
    struct StdString
    {
        public IntPtr Data;
        public nuint Length;
        public ulong Buffer0;
        public ulong Buffer1;
    }

    static unsafe string ReadAtenCapability(IntPtr library)
    {
        if (library == IntPtr.Zero || !NativeLibrary.TryGetExport(library, "_ZN2at18get_cpu_capabilityB5cxx11Ev", out var export)) return "unknown";
        // std::string at::get_cpu_capability(): returned through a hidden pointer to the result's storage.
        var call = (delegate* unmanaged<StdString*, void>)export;
        StdString result = default;
        call(&result);
        var text = Marshal.PtrToStringAnsi(result.Data, (int)result.Length);
        // The capability names are short and live in the in-place buffer; a longer one is left to the process's end.
        return text;
    }

    static unsafe string ReadMklBranch(IntPtr library)
    {
        if (library == IntPtr.Zero || !NativeLibrary.TryGetExport(library, "mkl_serv_cbwr_get", out var export)) return "unknown";
        var get = (delegate* unmanaged<int, int>)export;
        int value = get(-1);   // MKL_CBWR_ALL: the branch plus the STRICT bit
        int branch = value & 0xFFFF;
        string name = branch switch
        {
            0 => "OFF", 1 => "BRANCH_OFF", 2 => "AUTO", 3 => "COMPATIBLE", 4 => "SSE2", 6 => "SSSE3", 7 => "SSE4_1", 8 => "SSE4_2",
            9 => "AVX", 10 => "AVX2", 12 => "AVX512", 14 => "AVX512_E1", 15 => "AVX512_E2", 16 => "AVX512_E3", 17 => "AVX512_E4",
            18 => "AVX2_E1", 19 => "AVX512_E5", _ => $"code {branch}",
        };
        return (value & 0x10000) != 0 ? name + ",STRICT" : name;
    }

    static unsafe string ReadMklVersion(IntPtr library)
    {
        if (library == IntPtr.Zero || !NativeLibrary.TryGetExport(library, "MKL_Get_Version_String", out var export)) return "unknown";
        var get = (delegate* unmanaged<byte*, int, void>)export;
        var buffer = stackalloc byte[256];
        get(buffer, 256);
        return (Marshal.PtrToStringAnsi((IntPtr)buffer) ?? "unknown").Trim();
    }
}
