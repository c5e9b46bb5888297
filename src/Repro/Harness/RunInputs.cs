using Repro.Reporting;
using Repro.Reporting.Snapshots;
using Repro.Claims;

namespace Repro.Harness;

/// <summary>
/// Reads, before a run trains anything, every input file it would read at its end (the paper baselines, the
/// profile's claims.json and seed spread, the verified snapshots of the chosen experiments) and checks the report's paths, so a
/// typo in a baseline fails in a second with its file and line, not after an hour of training.
/// </summary>
public static class RunInputs
{
    /// <summary>The claims of each experiment of <paramref name="catalog"/> by name (null for one it lacks).</summary>
    public static Func<string, IReadOnlyList<Claims.Claim>?> ClaimsOf(IReadOnlyList<IExperiment> catalog) =>
        name => catalog.FirstOrDefault(e => e.Name == name)?.Claims;

    /// <param name="experiments">What the run measures.</param>
    /// <param name="catalog">Every experiment there is (what the profile's claims.json may name).</param>
    public static void Check(RepositoryPaths paths, string profile, IEnumerable<IExperiment> experiments, IReadOnlyList<IExperiment> catalog)
    {
        if (!Directory.Exists(paths.PaperBaselines))
            throw new DirectoryNotFoundException($"paper baselines folder '{paths.PaperBaselines}' does not exist; run from the repository or pass --baselines");
        PaperBaseline.LoadAll(paths.PaperBaselines);
        try
        {
            ClaimExpectations.For(paths.Baselines, profile, ClaimsOf(catalog));
        }
        catch (InvalidDataException e)
        {
            // claims.json is a baseline: its errors belong to that class (ExitCode.BadBaseline), whoever reads it.
            throw new BaselineFormatException(Path.Combine(paths.Baselines, profile, "claims.json"), 0, "", e.Message);
        }
        SeedSpread.For(paths.Baselines, profile);
        var snapshots = new SnapshotFiles(paths.Baselines);
        foreach (var experiment in experiments)
        {
            string verified = snapshots.VerifiedPath(experiment.Name, profile);
            if (!File.Exists(verified)) continue;
            var snapshot = VerifiedSnapshot.Load(verified);
            // A snapshot copied under another experiment's name would be compared with the wrong table after an hour of training.
            if (snapshot.Experiment != experiment.Name || snapshot.Profile != profile)
                throw new BaselineFormatException(verified, 0, "experiment",
                    $"names experiment '{snapshot.Experiment}' at profile '{snapshot.Profile}'; the file is {experiment.Name}'s at '{profile}'");
        }
        if (File.Exists(paths.Reports)) throw new ArgumentException($"the reports folder '{paths.Reports}' is a file; it must be a folder (--reports)");
        foreach (var file in new[] { paths.Html, paths.ResultsJson })
            if (Directory.Exists(file)) throw new ArgumentException($"'{file}' is a folder; the report is written to a file there (move the folder away, or pass --reports)");
    }
}
