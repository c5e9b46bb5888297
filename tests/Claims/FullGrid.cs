namespace Repro.ClaimTests;

/// <summary>Why the mini-full fixtures (Category "CpuFull") are explicit: they stay out of a plain `dotnet test`.</summary>
static class FullGrid
{
    public const string Reason =
        "mini-full runs the paper's whole unpairing grids on the CPU (about an hour on 2 cores); run it with `dotnet test tests/Claims --filter Category=CpuFull`";
}
