using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Harness.Planning;

/// <summary>
/// What the model store hands out while a run is planned: a classifier with no weights that refuses to compute, so that an
/// experiment can be walked through for the artifacts it asks for without building or loading one model.
/// </summary>
public sealed class PlannedModel : Classifier
{
    readonly string what;

    public PlannedModel(Harness.ModelRecipe recipe, InputShape input, int classes) : base("planned", recipe.Architecture, input, classes)
    {
        what = $"{recipe.Role} ({recipe.Key})";
    }

    public override long FeatureDimension => 0;

    public override Tensor Features(Tensor pixels) => throw Refused();

    public override Tensor Head(Tensor features) => throw Refused();

    InvalidOperationException Refused() =>
        new($"{what} is a placeholder of a planning run, which builds no model and computes nothing; an experiment must not compute with a model outside the evaluator while it is planned");
}
