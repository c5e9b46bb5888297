using System.Runtime.InteropServices;

namespace Repro.Runtime;

/// <summary>
/// Loads libtorch from a folder of one's choosing before TorchSharp loads its own: REPRO_TORCH_LIB names a libtorch
/// <c>lib</c> folder (a Python install's <c>torch/lib</c>, say), and its libraries are loaded by full path, so that
/// TorchSharp's libLibTorchSharp.so binds to them (the loader matches a bare dependency name against the sonames of
/// libraries already loaded before it searches) and its CUDA backend finds libtorch_cuda.so already there. This is how
/// a machine with PyTorch but without the TorchSharp-cuda-linux package (the GPU machine: ENVIRONMENT.md) runs Repro on
/// its GPU, when the two libtorch builds are compatible: whether they are is what `repro device-check` finds out. The
/// build run that way must not carry libtorch's own natives, or TorchSharp loads a second copy from its folder
/// (scripts/gpu/device-check.sh bundles it so). Never throws (it runs in a module initializer); the outcome is kept.
/// </summary>
public static class TorchLibraryPreload
{
    public const string Variable = "REPRO_TORCH_LIB";

    /// <summary>libtorch's libraries in dependency order; the CUDA ones are optional (a CPU-only libtorch has none).</summary>
    static readonly (string File, bool Required)[] Libraries =
    {
        ("libc10.so", true), ("libc10_cuda.so", false), ("libtorch_cpu.so", true), ("libtorch_cuda.so", false), ("libtorch.so", true),
    };

    /// <summary>What one preload did: the folder, one line per library, and whether every required one loaded.</summary>
    public sealed record Result(string Folder, IReadOnlyList<string> Lines, bool Succeeded)
    {
        public string Describe() => $"{Folder}: {string.Join("; ", Lines)}";
    }

    /// <summary>This process's preload: null when REPRO_TORCH_LIB was unset at start-up.</summary>
    public static Result? Outcome { get; private set; }

    /// <summary>Idempotent: only the first call with a folder loads anything.</summary>
    internal static void Apply(string? folder)
    {
        if (folder is null || Outcome is not null) return;
        Outcome = Load(folder);
    }

    /// <summary>Loads the libtorch libraries of <paramref name="folder"/>, in dependency order, stopping at the first required one that fails.</summary>
    public static Result Load(string folder)
    {
        if (!Directory.Exists(folder))
            return new Result(folder, new[] { $"the folder does not exist; {Variable} must name a libtorch lib folder (e.g. a Python install's torch/lib)" }, false);
        var lines = new List<string>();
        foreach (var (file, required) in Libraries)
        {
            string path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                lines.Add($"{file} absent{(required ? " (required)" : "")}");
                if (required) return new Result(folder, lines, false);
                continue;
            }
            try
            {
                NativeLibrary.Load(path);
                lines.Add($"{file} loaded");
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                lines.Add($"{file} failed: {e.Message}");
                if (required) return new Result(folder, lines, false);
            }
        }
        return new Result(folder, lines, true);
    }
}
