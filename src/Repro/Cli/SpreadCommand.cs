using System.CommandLine;
using Repro.Profiles;
using Repro.Harness;
using Repro.Claims;
using Repro.Paper;

namespace Repro.Cli;

/// <summary>
/// `repro spread`: measures a profile's spread over seeds once (every experiment at seeds 0..n-1) and writes
/// baselines/&lt;profile&gt;/seed-spread.json, from which one-seed numbers take their uncertainty and snapshot cells
/// their bands. Hours for the mini profile on 2 cores; the result is committed with its provenance.
/// </summary>
public static class SpreadCommand
{
    public static Command Create()
    {
        var profile = CommonOptions.Profile();
        var seeds = new Option<int>("--seeds")
        {
            Description = "How many seeds (0..n-1) to measure; at least 2, 5 or more to be worth its name",
            DefaultValueFactory = _ => 5,
        };
        var experiments = new Option<string[]>("--experiment", "-e")
        {
            Description = "Experiments to measure, by name or paper reference (default: all); others keep their recorded spread",
            AllowMultipleArgumentsPerToken = true,
        };
        var cache = CommonOptions.Cache();
        var data = CommonOptions.Data();
        var reports = CommonOptions.Reports();
        var baselines = CommonOptions.Baselines();
        var workers = CommonOptions.Workers();
        var command = new Command("spread", "Measure a profile's spread over seeds and write baselines/<profile>/seed-spread.json")
        {
            profile, seeds, experiments, cache, data, reports, baselines, workers,
        };
        command.SetAction(parse =>
        {
            var chosen = ProfileCatalog.Get(parse.GetValue(profile)!);
            int n = parse.GetValue(seeds);
            if (n < 2)
            {
                Console.Error.WriteLine($"repro: --seeds must be at least 2 (got {n}); a spread over one seed is no spread");
                return (int)Failures.ExitCode.BadInput;
            }
            var variant = SeedSpreadMeasurement.Variant(chosen, n);
            CommonOptions.RefuseDataForEmbeddedProfile(chosen, parse.GetValue(data));
            var env = CommonOptions.Environment(parse, cache, data);
            var selected = parse.GetValue(experiments) is { Length: > 0 } names
                ? names.Select(ExperimentCatalog.Get).ToList()
                : ExperimentCatalog.All.ToList();
            var paths = CommonOptions.Paths(parse, baselines, reports);
            var progress = new ConsoleProgress(Console.Out);
            string line = CommandText.Of(parse);
            using var context = new RunContext(variant, env, progress, workers: parse.GetValue(workers));
            using var run = new ReproductionRun(context, paths, line, ExperimentCatalog.All, HeadlineFindings.All);
            progress.Note($"profile '{variant.Name}': {chosen.Name} at seeds {string.Join(", ", variant.Seeds)}; cache {ShownPath.Of(env.CacheRoot)}");
            var path = SeedSpreadMeasurement.Measure(run, chosen.Name, selected, line);
            foreach (var result in run.Results) Summary.Print(result);
            run.WriteReports();
            Console.WriteLine($"seed spread: {ShownPath.Of(path)}");
            Console.WriteLine($"report: {ShownPath.Of(paths.Html)}");
            return 0;
        });
        return command;
    }
}
