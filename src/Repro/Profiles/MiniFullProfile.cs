namespace Repro.Profiles;

/// <summary>
/// The mini profile plus the claim sets too heavy for the default CPU run: Table I's OFA group and
/// Figure 1's architectural-difference sweep (progressive shrinking), and the paper's full unpairing grids
/// and rows (every λ of Tables III and XI, every (λ1, λ2) of Tables IV and XII, every strategy, student and
/// architecture of Tables VI–IX, §VI-F's OFA fine-tune) and the paper's adversarial training (PGD-7 from scratch) for the
/// robust tables (XIII, XIV, §VI-D, Appendix I). Same models, data and attacks as mini, so it reuses
/// mini's cached models (recipes do not depend on the profile's name). Its claims are Category "CpuFull":
/// `dotnet test --filter Category=CpuFull`, never in a plain `dotnet test`.
/// </summary>
public static class MiniFullProfile
{
    /// <summary>The settings that choose which rows and groups run (rather than how a row is trained or measured).</summary>
    public static IReadOnlyList<string> ScopeSettings { get; } = new[]
    {
        "Models.IncludeOnceForAll",
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
            Summary = "The mini profile plus its heavy claim sets: the OFA group and sweep, the paper's full unpairing grids (every λ, strategy, student and architecture); hours on 2 cores.",
            Models = mini.Models with { IncludeOnceForAll = true },
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
            // The paper's adversarial training (PGD-7 from scratch, the whole 15-epoch schedule) and every robust row and sample.
            Robust = PaperProfile.Create().Robust,
            Deviations = mini.Deviations.Where(d => !ScopeSettings.Contains(d.Setting) && !d.Setting.StartsWith("Robust.", StringComparison.Ordinal)).ToList(),
        };
    }
}
