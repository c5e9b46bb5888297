using Repro.Harness.Artifacts;

namespace Repro.Harness.Planning;

/// <summary>
/// One artifact of a plan: its key, its recipe's canonical text, what it is in words, the artifacts it is made from (or
/// must follow), the experiments that need it, its cost, and how to build it in this process once planning has stopped.
/// </summary>
public sealed record PlannedArtifact(ArtifactKey Key, string Recipe, string What, IReadOnlyList<ArtifactKey> Needs, IReadOnlyList<string> Experiments,
    Work Work, Action Build)
{
    public bool IsModel => Key.Kind == "model";
}
