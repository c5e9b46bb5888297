namespace Repro.Unit.Reporting;

/// <summary>The repository (the folder holding Repro.sln) as seen from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Repro.Harness.RepositoryPaths.FindRoot(AppContext.BaseDirectory)
        ?? throw new DirectoryNotFoundException($"no Repro.sln above {AppContext.BaseDirectory}");

    public static string PaperBaselines => Path.Combine(Root, "baselines", "paper");
}
