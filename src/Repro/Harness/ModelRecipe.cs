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

    /// <summary>
    /// Whether the model computes in 8 bits (quantized, or fine-tuned from a quantized model): what a fine-tune of it must
    /// keep (straight-through gradients). Its procedure text already says so; this states it as a fact, not a prefix.
    /// </summary>
    public bool EightBit { get; init; }

    public string Canonical() =>
        $"architecture={Architecture.Describe()}\ndata={Dataset}\nprocedure={Procedure}\nparents={string.Join(",", Parents)}\nseed={Seed}";

    public ArtifactKey Key => ArtifactKey.For(this);
}
