using System.CommandLine;
using Repro.Harness;
using Repro.Harness.Planning;
using Repro.Paper;
using Repro.Profiles;
using Repro.Progress;

namespace Repro.Cli;

/// <summary>
/// `repro plan`: a profile's work as jobs for a cluster. `export` writes plan.json, PLAN.md (jobs and estimated hours per
/// experiment) and the scheduler files; `run` runs one job of a plan; `time` measures what the estimate multiplies by.
/// </summary>
public static class PlanCommand
{
    public static Command Create() => new("plan", "Spread a profile's work over many machines: export it as jobs, run one job, measure per-image times")
    {
        PlanExportCommand.Create(),
        PlanRunCommand.Create(),
        PlanTimeCommand.Create(),
    };

    public static Option<string[]> Experiments() => new("--experiment", "-e")
    {
        Description = "Experiments to plan, by name or paper reference (default: all)",
        AllowMultipleArgumentsPerToken = true,
    };

    public static IReadOnlyList<IExperiment> Chosen(string[]? names) =>
        names is { Length: > 0 } ? names.Select(ExperimentCatalog.Get).Distinct().ToList() : ExperimentCatalog.All.ToList();

    /// <summary>
    /// The artifact graph of <paramref name="experiments"/> at <paramref name="profile"/>, found by a planning pass (nothing is
    /// built or measured), and the context it was found in: once planning has stopped, its artifacts build for real in it.
    /// </summary>
    public static (RunContext Context, ArtifactGraph Graph) Plan(Profile profile, RunEnvironment environment, IEnumerable<IExperiment> experiments, IProgressSink progress)
    {
        var recorder = new PlanRecorder();
        var context = new RunContext(profile, environment, progress, workers: 1, planning: recorder);
        try
        {
            return (context, ArtifactPlanner.Plan(context, recorder, experiments));
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>The timing table: --timing, else the baselines folder's timing/epoch-times.csv.</summary>
    public static Option<string?> Timing() => new("--timing")
    {
        Description = "The table of measured seconds per image (default: <baselines>/timing/epoch-times.csv)",
    };

    public static string TimingPath(ParseResult parse, Option<string?> timing, Option<string?> baselines) =>
        Path.GetFullPath(parse.GetValue(timing) ?? Path.Combine(RepositoryPaths.Discover(baselines: parse.GetValue(baselines)).Baselines, "timing", "epoch-times.csv"));
}
