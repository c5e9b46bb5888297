namespace Repro.Unit.Reporting;

/// <summary>Locates the repository (the folder holding Repro.sln) from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    public static string PaperBaselines => Path.Combine(Root, "baselines", "paper");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Repro.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Repro.sln above {AppContext.BaseDirectory}");
    }
}
