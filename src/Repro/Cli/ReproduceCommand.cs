using System.CommandLine;
using Repro.Experiments;
using Repro.Experiments.Profiles;
using Repro.Reporting;

namespace Repro.Cli;

/// <summary>
/// `repro reproduce`: trains what the profile needs (reusing the cache), measures every experiment,
/// records each result in the run ledger, compares it with its verified snapshot, and writes
/// reports/index.html and reports/results.json.
/// </summary>
public static class ReproduceCommand
{
    public static Command Create()
    {
        var profile = CommonOptions.Profile();
        var experiments = new Option<string[]>("--experiment", "-e")
        {
            Description = "Experiments to run, by name or paper reference (default: all)",
            AllowMultipleArgumentsPerToken = true,
        };
        var cache = CommonOptions.Cache();
        var data = CommonOptions.Data();
        var reports = CommonOptions.Reports();
        var baselines = CommonOptions.Baselines();
        var allowCpu = new Option<bool>("--allow-cpu") { Description = "Run a GPU profile on the CPU anyway (days, not hours)" };
        var command = new Command("reproduce", "Run the paper's experiments at a profile and write the report")
        {
            profile, experiments, cache, data, reports, baselines, allowCpu,
        };
        command.SetAction(parse =>
        {
            var chosen = ProfileCatalog.Get(parse.GetValue(profile)!);
            var env = RunEnvironment.Detect(parse.GetValue(cache), parse.GetValue(data));
            if (chosen.RequiresGpu && !env.CudaAvailable && !parse.GetValue(allowCpu))
            {
                Console.Error.WriteLine($"profile '{chosen.Name}' is paper scale and needs CUDA, which this machine lacks; use --profile mini, or --allow-cpu to run it here anyway.");
                return 2;
            }
            var selected = parse.GetValue(experiments) is { Length: > 0 } names
                ? names.Select(ExperimentCatalog.Get).ToList()
                : ExperimentCatalog.All.ToList();
            var paths = CommonOptions.Paths(parse, baselines, reports);
            var progress = new ConsoleProgress(Console.Out);
            using var context = new RunContext(chosen, env, progress);
            using var run = new ReproductionRun(context, paths, "repro " + string.Join(" ", parse.Tokens.Select(t => t.Value)));
            progress.Note($"profile '{chosen.Name}': {chosen.Summary}");
            progress.Note($"cache {env.CacheRoot}; device {env.DeviceName}; commit {env.Commit[..Math.Min(12, env.Commit.Length)]}{(env.Dirty ? " (dirty)" : "")}");
            int failures = 0;
            foreach (var experiment in selected)
            {
                var result = run.Run(experiment);
                Summary.Print(result);
                var check = run.CheckSnapshot(result);
                Console.WriteLine(check.Passed ? $"snapshot: matches {check.VerifiedPath}" : $"snapshot: {check.Message}");
                failures += result.Claims.Count(c => c.Outcome == ClaimOutcome.Fails);
            }
            run.WriteReports();
            Console.WriteLine($"report: {paths.Html}");
            Console.WriteLine($"results: {paths.ResultsJson}");
            if (failures > 0) Console.WriteLine($"{failures} claim(s) did not hold at this profile; the report says which and by how much.");
            return 0;
        });
        return command;
    }
}
