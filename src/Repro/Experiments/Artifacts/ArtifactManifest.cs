namespace Repro.Experiments.Artifacts;

/// <summary>What the cache records beside each artifact: its key, the recipe it came from, when, and a small summary (accuracy, sparsity...).</summary>
public sealed record ArtifactManifest(
    string Key,
    string Kind,
    string Recipe,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    IReadOnlyDictionary<string, string> Summary);
