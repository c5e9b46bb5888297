using System.Reflection;
using System.Text;
using TorchSharp;

namespace Repro.Runtime;

/// <summary>
/// Whether the TorchSharp.dll this process loaded carries the build's keep-alive patch (build/TorchSharpKeepAliveTask.cs):
/// every TorchSharp method keeps its Tensors and Scalars alive until it returns, so a finalizer cannot free one during
/// the native call that uses it. Without it a cold run dies at random (Scalar::toFloat "Expected false to be true").
/// </summary>
public static class TorchSharpPatch
{
    /// <summary>The manifest resource the build adds (the same name as TorchSharpKeepAlive.MarkerResource).</summary>
    public const string MarkerResource = "Repro.KeepAliveUntilReturn";

    static readonly Lazy<string?> Marker = new(() => Read(typeof(torch).Assembly));

    /// <summary>True when the loaded TorchSharp carries the patch.</summary>
    public static bool IsApplied => Marker.Value is not null;

    /// <summary>The patch's own description, or why it is missing, for `repro environment` and the run record.</summary>
    public static string Describe() => Marker.Value ?? $"absent: {Location} was not patched by the build";

    /// <summary>The file the process loaded TorchSharp from.</summary>
    public static string Location => typeof(torch).Assembly.Location is { Length: > 0 } path ? Path.GetFileName(path) : "TorchSharp";

    /// <summary>Throws a plain error when the patch is missing (a build that skipped Directory.Build.targets).</summary>
    public static void Require()
    {
        if (!IsApplied)
            throw new TorchSharpNotPatchedException(
                $"TorchSharp.dll ({typeof(torch).Assembly.Location}) lacks the build's keep-alive patch, so libtorch may use a Scalar that the " +
                "garbage collector already freed; build Repro with its Directory.Build.targets (dotnet build Repro.sln), which patches the output's copy");
    }

    static string? Read(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream(MarkerResource);
        if (stream is null) return null;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>The loaded TorchSharp lacks the keep-alive patch: the build was bypassed.</summary>
public sealed class TorchSharpNotPatchedException(string message) : Exception(message), Failures.IExpectedFailure
{
    public Failures.ExitCode Code => Failures.ExitCode.BadInput;
}
