namespace Repro.Harness.Artifacts;

/// <summary>
/// A pure description of how an artifact is made (architecture, data, schedule, seed, parents,
/// mechanism settings). Its canonical text is hashed into the <see cref="ArtifactKey"/>, so two runs
/// that describe the same work share one artifact, and any change to the description makes a new one.
/// </summary>
public interface IRecipe
{
    /// <summary>Short artifact family: "model", "attack-table", ...; the cache's first folder level.</summary>
    string Kind { get; }

    /// <summary>Every input that changes the result, one "name=value" per line, parents by their keys.</summary>
    string Canonical();
}
