using Repro.Models;
using Repro.Harness.Artifacts;
using Repro.Harness.Planning;

namespace Repro.Harness;

/// <summary>
/// A model by recipe, built or loaded only when <see cref="Model"/> is read (cached evaluations need just the key). It knows
/// the handles of the models it is made from, so the artifact graph of a run can be planned without building anything.
/// </summary>
public sealed class ModelHandle
{
    readonly Func<Classifier> load;

    /// <param name="load">Builds or loads the model; the store behind it keeps one instance per key, so it is asked on every read.</param>
    /// <param name="parents">The handles of <paramref name="recipe"/>'s parents, in the recipe's order.</param>
    /// <param name="after">Models whose build leaves state this one resumes from (a snapshot of a longer run): built first when planned, not inputs.</param>
    /// <param name="work">What building it costs, for the plan's estimate (none: not estimated).</param>
    public ModelHandle(ModelRecipe recipe, Func<Classifier> load, IReadOnlyList<ModelHandle>? parents = null,
        IReadOnlyList<ModelHandle>? after = null, Work? work = null)
    {
        Recipe = recipe;
        this.load = load;
        Parents = parents ?? Array.Empty<ModelHandle>();
        if (!Parents.Select(p => p.Key).SequenceEqual(recipe.Parents))
            throw new ArgumentException($"{recipe.Role}: the parent handles ({string.Join(", ", Parents.Select(p => p.Key))}) are not the recipe's parents ({string.Join(", ", recipe.Parents)})", nameof(parents));
        After = after ?? Array.Empty<ModelHandle>();
        Work = work ?? Work.None;
    }

    public ModelRecipe Recipe { get; }
    public ArtifactKey Key => Recipe.Key;
    public IReadOnlyList<ModelHandle> Parents { get; }
    public IReadOnlyList<ModelHandle> After { get; }
    public Work Work { get; }
    public Classifier Model => load();
    public override string ToString() => $"{Recipe.Role} {Recipe.Architecture.DisplayName} (seed {Recipe.Seed}, {Key})";
}
