using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Claims;
namespace Repro.Paper;

/// <summary>The claims of each experiment, by experiment name.</summary>
public static class ClaimCatalog
{
    static readonly Dictionary<string, IReadOnlyList<Claim>> ByExperiment = new()
    {
        [nameof(Table01_OnDevicePriors)] = Table01Claims.All,
        [nameof(Table03_UnpairingSingleObjective)] = Table03Claims.All,
        [nameof(Table04_UnpairingCombined)] = Table04Claims.All,
        [nameof(Table05_StrategyApplicability)] = Table05Claims.All,
        [nameof(Table06_UnpairingQuantization)] = Table06Claims.All,
        [nameof(Table07_UnpairingPruning)] = Table07Claims.All,
        [nameof(Table08_UnpairingDistillation)] = Table08Claims.All,
        [nameof(Table09_UnpairingArchitectures)] = Table09Claims.All,
        [nameof(Table11_FromScratchSingle)] = Table11Claims.All,
        [nameof(Table12_FromScratchCombined)] = Table12Claims.All,
        [nameof(Figure2_SimilarityVsVulnerability)] = Figure2Claims.All,
        [nameof(Figure1_CostVsSecurity)] = Figure1Claims.All,
    };

    public static IReadOnlyList<Claim> For(string experiment) =>
        ByExperiment.TryGetValue(experiment, out var claims) ? claims : Array.Empty<Claim>();

    public static IEnumerable<Claim> All => ByExperiment.Values.SelectMany(c => c);
}
