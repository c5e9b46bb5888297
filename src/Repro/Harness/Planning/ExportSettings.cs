namespace Repro.Harness.Planning;

/// <summary>
/// Where the exported jobs find what they share and how they start `repro`: the shared folder (cache, reports and, for
/// Kubernetes and Actions, the plan), the command that runs `repro` on a node, the GPU runners' labels, the container image,
/// and how many jobs of a level may run at once.
/// </summary>
public sealed record ExportSettings
{
    /// <summary>A folder every node mounts at the same path: cache/ (the artifact cache), reports/ (ledgers, report), plan.json.</summary>
    public string Shared { get; init; } = "/shared/repro";

    /// <summary>How a Slurm or Actions job runs repro from a checkout built at the plan's commit.</summary>
    public string Repro { get; init; } = "dotnet src/Repro/bin/Release/net10.0/repro.dll";

    /// <summary>How a Kubernetes container runs repro (the image's entry).</summary>
    public string ImageRepro { get; init; } = "dotnet /app/repro.dll";

    public IReadOnlyList<string> RunnerLabels { get; init; } = new[] { "self-hosted", "linux", "gpu" };

    public string Image { get; init; } = "";

    public int MaxParallel { get; init; } = 16;
}
