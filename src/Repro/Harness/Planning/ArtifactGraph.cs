using Repro.Harness.Artifacts;

namespace Repro.Harness.Planning;

/// <summary>The artifacts a run needs, each after everything it needs (a topological order), as a planning pass found them.</summary>
public sealed record ArtifactGraph(IReadOnlyList<PlannedArtifact> Artifacts)
{
    public PlannedArtifact? Find(ArtifactKey key) => Artifacts.FirstOrDefault(a => a.Key == key);

    /// <summary>Depth of each artifact: 1 for those that need nothing, else one more than the deepest it needs.</summary>
    public IReadOnlyDictionary<ArtifactKey, int> Levels()
    {
        var levels = new Dictionary<ArtifactKey, int>();
        foreach (var artifact in Artifacts)
            levels[artifact.Key] = 1 + artifact.Needs.Select(n => levels[n]).DefaultIfEmpty(0).Max();
        return levels;
    }
}
