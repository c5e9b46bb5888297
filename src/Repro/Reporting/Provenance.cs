namespace Repro.Reporting;

/// <summary>Where a number came from (STYLE.md P6): code version, machine, libraries, time and the artifacts used.</summary>
public sealed record Provenance(
    string Commit,
    bool Dirty,
    string Device,
    string TorchSharpVersion,
    string LibTorchVersion,
    string Machine,
    string OperatingSystem,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<string> ArtifactKeys)
{
    public double DurationSeconds => (FinishedUtc - StartedUtc).TotalSeconds;
}
