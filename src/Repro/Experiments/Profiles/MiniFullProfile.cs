namespace Repro.Experiments.Profiles;

/// <summary>
/// The mini profile with the paper's full unpairing grids and rows: every λ of Tables III and XI, every
/// (λ1, λ2) of Tables IV and XII, every strategy, student and architecture of Tables VI–IX. Same models,
/// data and attacks as mini (so it reuses mini's cached models), at about an hour of CPU instead of
/// minutes; its claims run with `dotnet test --filter Category=CpuFull`, never in a plain `dotnet test`.
/// </summary>
public static class MiniFullProfile
{
    /// <summary>The unpairing settings that choose which rows run (rather than how a row is trained or measured).</summary>
    public static IReadOnlyList<string> ScopeSettings { get; } = new[]
    {
        "Unpairing.SingleObjectives", "Unpairing.SingleLambdas", "Unpairing.CombinedLambdas",
        "Unpairing.FromScratchObjectives", "Unpairing.FromScratchLambdas", "Unpairing.FromScratchCombinedLambdas",
        "Unpairing.QuantizationStrategies", "Unpairing.PruningStrategies", "Unpairing.DistillationStudents",
        "Unpairing.DistillationStrategies", "Unpairing.Architectures", "Unpairing.OfaFinetuneLast",
    };

    public static Profile Create()
    {
        var mini = MiniProfile.Create();
        var paper = PaperProfile.Create().Unpairing;
        return mini with
        {
            Name = "mini-full",
            Summary = "The mini profile with the paper's full unpairing grids and rows (every λ, strategy, student and architecture): about an hour on 2 cores.",
            Unpairing = mini.Unpairing with
            {
                SingleObjectives = paper.SingleObjectives,
                SingleLambdas = paper.SingleLambdas,
                CombinedLambdas = paper.CombinedLambdas,
                FromScratchObjectives = paper.FromScratchObjectives,
                FromScratchLambdas = paper.FromScratchLambdas,
                FromScratchCombinedLambdas = paper.FromScratchCombinedLambdas,
                QuantizationStrategies = paper.QuantizationStrategies,
                PruningStrategies = paper.PruningStrategies,
                DistillationStudents = paper.DistillationStudents,
                DistillationStrategies = paper.DistillationStrategies,
                Architectures = paper.Architectures,
                OfaFinetuneLast = paper.OfaFinetuneLast,
            },
            Deviations = mini.Deviations.Where(d => !ScopeSettings.Contains(d.Setting)).ToList(),
        };
    }
}
