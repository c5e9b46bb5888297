using System.CommandLine;
using Repro.Profiles;
using Repro.Failures;
using Repro.Reporting;
using Repro.Harness;
using Repro.Claims;
using Repro.Paper;

namespace Repro.Cli;

/// <summary>
/// `repro reproduce`: trains what the profile needs (reusing the cache), measures every experiment,
/// records each result in the run ledger, compares it with its verified snapshot, and writes
/// reports/index.html and reports/results.json. An experiment that fails is recorded and marked failed in
/// the report while the others still run (a full disk stops the run); the exit code is that of the first
/// failure's class, and the ledger's record of the run's end, written last, holds the same code.
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
        var workers = CommonOptions.Workers();
        var allowCpu = new Option<bool>("--allow-cpu") { Description = "Run a GPU profile on the CPU anyway (days, not hours)" };
        var seeds = new Option<int>("--seeds")
        {
            Description = "Measure every experiment at seeds 0..n-1 (the paper's protocol: 5) and judge each claim on the mean with its standard error; " +
                "recorded as the profile '<profile>-<n>seeds'. Resumable, and the same bits for any number of workers",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("reproduce", "Run the paper's experiments at a profile and write the report")
        {
            profile, experiments, cache, data, reports, baselines, workers, allowCpu, seeds,
        };
        command.SetAction(parse =>
        {
            var chosen = ProfileCatalog.Get(parse.GetValue(profile)!);
            CommonOptions.RefuseDataForEmbeddedProfile(chosen, parse.GetValue(data));
            int seedCount = parse.GetValue(seeds);
            if (seedCount < 1 || seedCount > 100)
                throw new ArgumentException($"--seeds {seedCount} is not a seed count; give 1 (the profile's own seed) up to 100 (5 is the paper's protocol)");
            if (seedCount > 1) chosen = SeedSpreadMeasurement.Variant(chosen, seedCount);
            var env = CommonOptions.Environment(parse, cache, data);
            if (chosen.RequiresGpu && !env.CudaAvailable && !parse.GetValue(allowCpu))
            {
                Console.Error.WriteLine($"repro: profile '{chosen.Name}' is paper scale and needs CUDA, which this machine lacks; use --profile mini, or --allow-cpu to run it here anyway.");
                return (int)ExitCode.BadInput;
            }
            var selected = parse.GetValue(experiments) is { Length: > 0 } names
                ? names.Select(ExperimentCatalog.Get).ToList()
                : ExperimentCatalog.All.ToList();
            var paths = CommonOptions.Paths(parse, baselines, reports);
            RunInputs.Check(paths, chosen.Name, selected, ExperimentCatalog.All);
            var progress = new ConsoleProgress(Console.Out);
            using var context = new RunContext(chosen, env, progress, workers: parse.GetValue(workers));
            using var run = new ReproductionRun(context, paths, CommandText.Of(parse), ExperimentCatalog.All, HeadlineFindings.All);
            int code = (int)ExitCode.InternalError;
            using var interrupts = Interruption.Register(run);
            try
            {
                progress.Note($"profile '{chosen.Name}': {chosen.Summary}");
                progress.Note($"cache {ShownPath.Of(env.CacheRoot)}; device {env.DeviceName}; commit {env.Commit[..Math.Min(12, env.Commit.Length)]}{(env.Dirty ? " (dirty)" : "")}");
                code = RunAll(run, selected, parse.GetValue<bool>(CommandLine.VerboseOption));
                return code;
            }
            catch (Exception e)
            {
                code = (int)Failure.Of(e).Code;
                throw;
            }
            finally
            {
                FinishLast(run, code);
            }
        });
        return command;
    }

    internal static int RunAll(ReproductionRun run, IReadOnlyList<Harness.IExperiment> selected, bool verbose)
    {
        int failingClaims = 0;
        ExperimentFailure? stop = null;
        var lines = new List<string>();
        var spread = Reporting.Snapshots.SeedSpread.For(run.Paths.Baselines, run.Context.Profile.Name);
        for (int index = 0; index < selected.Count; index++)
        {
            var experiment = selected[index];
            if (stop is not null)
            {
                string why = stop.Failure.Code == ExitCode.NoSpace ? "no space left on the device" : "the run ledger cannot be used";
                Console.Error.WriteLine($"repro: {experiment.Name} not run: the run stopped after {stop.Experiment} failed ({why}).");
                continue;
            }
            try
            {
                var result = run.Run(experiment);
                var accepted = spread is null ? null : AcceptedSeedResults.From(spread, new[] { result }, ExperimentCatalog.All,
                    AcceptedSeedResults.Documented(run.Paths.Baselines, spread, ExperimentCatalog.All)).FirstOrDefault();
                Summary.Print(result, accepted);
                var check = run.CheckSnapshot(result);
                Console.WriteLine(check.Passed ? $"snapshot: matches {ShownPath.Of(check.VerifiedPath)}" : $"snapshot: {check.Message}");
                failingClaims += result.Claims.Count(c => c.Outcome == ClaimOutcome.Fails);
                lines.Add(Summary.Line(result, check.Passed));
            }
            catch (Exception e)
            {
                var failure = run.RecordFailure(experiment.Name, e);
                Console.Error.WriteLine($"repro: {experiment.Name} failed: {failure.Message}");
                lines.Add($"{experiment.PaperReference}: failed ({failure.Message.Split('\n')[0]})");
                if (failure.IsBug && verbose) Console.Error.WriteLine(failure.Exception.ToString());
                // Nothing after a full disk or an unusable ledger can be kept: stop instead of training for nothing.
                if (failure.Code == ExitCode.NoSpace || failure.Exception is Reporting.Ledger.LedgerUnreadableException)
                    stop = new ExperimentFailure(experiment.Name, failure);
            }
            // The page after each experiment, the rest marked pending: a newcomer can open it after Table I and watch it fill.
            if (stop is null && index < selected.Count - 1) TryWritePage(run, selected.Skip(index + 1).Select(e => e.Name).ToList());
        }
        var shown = run.WriteReports();
        Console.WriteLine();
        foreach (var line in lines) Console.WriteLine(line);
        Summary.PrintFindings(shown.Findings ?? Array.Empty<FindingVerdict>(), run.Context.Profile.Name);
        Console.WriteLine($"report: {ShownPath.Of(run.Paths.Html)}");
        if (run.Results.Count > 0) Console.WriteLine($"results: {ShownPath.Of(run.Paths.ResultsJson)}");
        if (failingClaims > 0) Console.WriteLine($"{failingClaims} claim(s) did not hold at this profile; the report says which and by how much.");
        if (run.Failures.Count > 0)
            Console.Error.WriteLine($"repro: {run.Failures.Count} of {selected.Count} experiment(s) failed ({string.Join(", ", run.Failures.Select(f => f.Experiment))}); " +
                $"the report marks them failed with their errors, and the ledger holds them (run {run.RunId}).");
        return (int)run.Outcome;
    }

    /// <summary>Rewrites the page mid-run; a page that cannot be written now is written at the end (its error is reported there).</summary>
    static void TryWritePage(ReproductionRun run, IReadOnlyList<string> pending)
    {
        try
        {
            run.WriteReports(pending);
        }
        catch (Exception e) when (Failure.Of(e) is { IsBug: false })
        {
        }
    }

    /// <summary>Records the run's end with the real exit code. If that fails after a success, the failure is the outcome.</summary>
    internal static void FinishLast(ReproductionRun run, int code)
    {
        try
        {
            run.Finish(code);
        }
        catch (Exception e) when (code != 0)
        {
            Console.Error.WriteLine($"repro: the run's end could not be recorded in the ledger: {Failure.Of(e).Message}");
        }
    }
}
