using Repro.Models;
using Repro.Harness.Artifacts;
using Repro.Claims;

namespace Repro.Harness;

/// <summary>A model by recipe, built or loaded only when <see cref="Model"/> is first read (cached evaluations need just the key).</summary>
public sealed class ModelHandle
{
    readonly Lazy<Classifier> model;

    public ModelHandle(ModelRecipe recipe, Func<Classifier> load)
    {
        Recipe = recipe;
        model = new Lazy<Classifier>(load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ModelRecipe Recipe { get; }
    public ArtifactKey Key => Recipe.Key;
    public Classifier Model => model.Value;
    public override string ToString() => $"{Recipe.Role} {Recipe.Architecture.DisplayName} (seed {Recipe.Seed}, {Key})";
}
