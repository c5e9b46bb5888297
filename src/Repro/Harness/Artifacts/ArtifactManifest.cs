namespace Repro.Harness.Artifacts;

/// <summary>
/// What the cache records beside each artifact: its key, the recipe it came from, when, a small summary (accuracy,
/// sparsity...) and the SHA-256 of every file it holds (by '/'-separated relative path), checked before the artifact is
/// used; null in manifests written before checksums were recorded.
/// </summary>
public sealed record ArtifactManifest(
    string Key,
    string Kind,
    string Recipe,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    IReadOnlyDictionary<string, string> Summary,
    IReadOnlyDictionary<string, string>? Files = null);
