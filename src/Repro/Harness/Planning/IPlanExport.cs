namespace Repro.Harness.Planning;

/// <summary>A plan written for a scheduler people already run: the files to put under the export folder, by relative path.</summary>
public interface IPlanExport
{
    /// <summary>"slurm", "actions", "k8s": the --format value.</summary>
    string Format { get; }

    string Description { get; }

    IReadOnlyList<(string Path, string Text)> Files(JobPlan plan, ExportSettings settings);
}
