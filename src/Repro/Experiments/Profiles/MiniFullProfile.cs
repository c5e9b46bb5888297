namespace Repro.Experiments.Profiles;

/// <summary>
/// The mini profile plus the claim sets too heavy for the default CPU run: Table I's OFA group and
/// Figure 1's architectural-difference sweep (progressive shrinking), and the full grids. Its claims
/// are Category "CpuFull": `dotnet test --filter Category=CpuFull`. Models shared with 'mini' come from
/// the same cache entries (recipes do not depend on the profile's name).
/// </summary>
public static class MiniFullProfile
{
    public static Profile Create()
    {
        var mini = MiniProfile.Create();
        return mini with
        {
            Name = "mini-full",
            Summary = "The mini profile plus its heavy claim sets: the OFA group and sweep, the full grids (CPU, tens of minutes).",
            Models = mini.Models with { IncludeOnceForAll = true },
            Deviations = mini.Deviations.Where(d => d.Setting != "Models.IncludeOnceForAll").ToList(),
        };
    }
}
