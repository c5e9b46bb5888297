using Repro.Models;
using Repro.Harness.Artifacts;

namespace Repro.Harness;

/// <summary>
/// How one model is made: its architecture, the data it saw, the procedure (canonical text of the
/// training schedule or mechanism), the artifacts it derives from, and the seed. The role
/// ("server", "quantized", ...) is for people and logs only; it does not enter the hash.
/// </summary>
public sealed record ModelRecipe(string Role, ArchitectureSpec Architecture, string Dataset, string Procedure, IReadOnlyList<ArtifactKey> Parents, int Seed)
    : IRecipe
{
    public string Kind => "model";

    public string Canonical() =>
        $"architecture={Architecture.Describe()}\ndata={Dataset}\nprocedure={Procedure}\nparents={string.Join(",", Parents)}\nseed={Seed}";

    public ArtifactKey Key => ArtifactKey.For(this);
}
