namespace Repro.Harness.Artifacts;

/// <summary>
/// The version of the code that produces each artifact kind. Bump a kind's number in the same commit
/// that changes what it computes (a training loop, an attack, a metric); every cached artifact of that
/// kind, and everything derived from one, is then recomputed instead of served stale.
/// </summary>
public static class CodeVersions
{
    static readonly Dictionary<string, int> Versions = new()
    {
        ["model"] = 1,
        ["transfer-eval"] = 1,
        ["query-eval"] = 1,
        ["similarity"] = 1,
        ["similarity-eval"] = 1,
        ["result"] = 1,
    };

    public static int Of(string kind) => Versions.TryGetValue(kind, out var v) ? v : 1;
}
