namespace Repro.Experiments.Claims;

/// <summary>The claims of each experiment, by experiment name.</summary>
public static class ClaimCatalog
{
    static readonly Dictionary<string, IReadOnlyList<Claim>> ByExperiment = new()
    {
        [nameof(Table01_OnDevicePriors)] = Table01Claims.All,
        [nameof(Figure1_CostVsSecurity)] = Figure1Claims.All,
    };

    public static IReadOnlyList<Claim> For(string experiment) =>
        ByExperiment.TryGetValue(experiment, out var claims) ? claims : Array.Empty<Claim>();

    public static IEnumerable<Claim> All => ByExperiment.Values.SelectMany(c => c);
}
