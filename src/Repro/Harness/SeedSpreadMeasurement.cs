using System.Diagnostics;
using Repro.Profiles;
using Repro.Reporting;
using Repro.Reporting.Snapshots;
using Repro.Storage;

namespace Repro.Harness;

/// <summary>
/// Measures a profile's spread over seeds once (ISSUE: verdicts that tell noise from a regression): every
/// chosen experiment runs at seeds 0..n-1 as one recorded run of the profile variant "&lt;profile&gt;-&lt;n&gt;seeds"
/// (ledger and report show it beside the one-seed profile), and the per-cell mean, standard deviation and
/// per-seed values go into <c>baselines/&lt;profile&gt;/seed-spread.json</c> with the command, commit, numerics and
/// duration. Seed 0 is the one-seed profile's own seed, so its models are shared.
/// </summary>
public static class SeedSpreadMeasurement
{
    /// <summary>The profile at seeds 0..n-1 under its own name, with the seed deviation saying so.</summary>
    public static Profile Variant(Profile profile, int seeds)
    {
        if (seeds < 2) throw new ArgumentOutOfRangeException(nameof(seeds), seeds, "a spread needs at least 2 seeds (5 or more to be worth its name)");
        var list = Enumerable.Range(0, seeds).ToArray();
        var paper = PaperProfile.Create();
        var deviations = profile.Deviations.Where(d => d.Setting != nameof(Profile.Seeds)).ToList();
        if (!list.SequenceEqual(paper.Seeds))
            deviations.Add(new Deviation(nameof(Profile.Seeds), $"[{string.Join(", ", paper.Seeds)}]", $"[{string.Join(", ", list)}]",
                $"The seed spread of the '{profile.Name}' profile: its one-seed numbers take their uncertainty from it."));
        return profile with
        {
            Name = $"{profile.Name}-{seeds}seeds",
            Summary = $"{profile.Summary} Measured at {seeds} seeds for the profile's seed spread.",
            Seeds = list,
            Deviations = deviations,
        };
    }

    /// <summary>
    /// Runs <paramref name="experiments"/> in <paramref name="run"/> (whose context holds the <see cref="Variant"/>) and merges
    /// their spread into <paramref name="baseProfile"/>'s seed-spread file; returns the file's path. Experiments that fail are
    /// recorded by the run and left out of the file.
    /// </summary>
    public static string Measure(ReproductionRun run, string baseProfile, IReadOnlyList<IExperiment> experiments, string command)
    {
        var context = run.Context;
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var results = new List<ExperimentResult>();
        foreach (var experiment in experiments) results.Add(run.Run(experiment));
        var env = context.Environment;
        var spreadRun = new SpreadRun(command, env.Commit, env.Dirty, started, clock.Elapsed.TotalSeconds, env.Numerics.Describe(),
            results.Select(r => r.Experiment).ToList());
        var path = Path.Combine(run.Paths.Baselines, baseProfile, SeedSpread.FileName);
        var existing = File.Exists(path) ? SeedSpread.Load(path) : null;
        var seeds = context.Profile.Seeds;
        if (existing is not null && !existing.Seeds.SequenceEqual(seeds))
            throw new InvalidOperationException($"{path} holds a spread over seeds [{string.Join(", ", existing.Seeds)}]; this run used [{string.Join(", ", seeds)}]. Move it away to measure anew.");
        var spread = (existing ?? SeedSpread.Empty(baseProfile, seeds)).With(spreadRun, results);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, spread.ToJson());
        return path;
    }
}
