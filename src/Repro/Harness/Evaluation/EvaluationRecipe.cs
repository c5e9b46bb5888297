using Repro.Harness.Artifacts;

namespace Repro.Harness.Evaluation;

/// <summary>The inputs of one cached evaluation: kind ("transfer-eval", "query-eval"), the models by key, the settings and the samples.</summary>
public sealed record EvaluationRecipe(string Kind, string Models, string Settings, string Samples) : IRecipe
{
    public string Canonical() => $"models={Models}\nsettings={Settings}\nsamples={Samples}";
}
