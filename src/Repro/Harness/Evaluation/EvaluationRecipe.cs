using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.ImageNet;
using Repro.Claims;
using Repro.Paper;

namespace Repro.Harness.Evaluation;

/// <summary>The inputs of one cached evaluation: kind ("transfer-eval", "query-eval"), the models by key, the settings and the samples.</summary>
public sealed record EvaluationRecipe(string Kind, string Models, string Settings, string Samples) : IRecipe
{
    public string Canonical() => $"models={Models}\nsettings={Settings}\nsamples={Samples}";
}
