namespace Repro.Reporting;

/// <summary>
/// Where a number came from (STYLE.md P6): code version, machine, libraries, time, the artifacts used and
/// the numerics (processor, kernel pin, threads) that decide its last bits; null in results recorded before it was kept.
/// </summary>
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
    IReadOnlyList<string> ArtifactKeys,
    Runtime.NumericsRecord? Numerics = null)
{
    public double DurationSeconds => (FinishedUtc - StartedUtc).TotalSeconds;
}
