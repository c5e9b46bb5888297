using System.CommandLine;
using Repro.Harness;
using Repro.Harness.Planning;
using Repro.Profiles;
using Repro.Progress;
using Repro.Storage;

namespace Repro.Cli;

/// <summary>
/// `repro plan export`: plans a profile's experiments (nothing is built) and writes, under --out, plan.json (one job per
/// artifact, its dependencies and key), PLAN.md (jobs and estimated device hours per experiment and level, and their basis)
/// and each --format's files: Slurm job arrays, a GitHub Actions workflow, Kubernetes Indexed Jobs.
/// </summary>
public static class PlanExportCommand
{
    public static Command Create()
    {
        var profile = CommonOptions.Profile();
        var experiments = PlanCommand.Experiments();
        var formats = new Option<string[]>("--format", "-f")
        {
            Description = $"Schedulers to write files for: {string.Join(", ", PlanExports.All.Select(e => e.Format))} (default: all)",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string>("--out") { Description = "The folder to write plan.json, PLAN.md and the scheduler files into", Required = true };
        var cache = CommonOptions.Cache();
        var data = CommonOptions.Data();
        var baselines = CommonOptions.Baselines();
        var timing = PlanCommand.Timing();
        var shared = new Option<string>("--shared")
        {
            Description = "The folder every node mounts at the same path (cache/, reports/, plan.json)",
            DefaultValueFactory = _ => new ExportSettings().Shared,
        };
        var image = new Option<string?>("--image") { Description = "The container image for Kubernetes (default: repro-cuda:<commit>)" };
        var labels = new Option<string>("--runner-labels")
        {
            Description = "The labels of the self-hosted GPU runners, comma separated",
            DefaultValueFactory = _ => string.Join(",", new ExportSettings().RunnerLabels),
        };
        var parallel = new Option<int>("--max-parallel")
        {
            Description = "How many jobs of one level may run at once",
            DefaultValueFactory = _ => new ExportSettings().MaxParallel,
        };
        var command = new Command("export", "Write a profile's work as jobs: plan.json, PLAN.md with estimated hours, and Slurm, Actions or Kubernetes files")
        {
            profile, experiments, formats, output, cache, data, baselines, timing, shared, image, labels, parallel,
        };
        command.SetAction(parse =>
        {
            var chosen = ProfileCatalog.Get(parse.GetValue(profile)!);
            CommonOptions.RefuseDataForEmbeddedProfile(chosen, parse.GetValue(data));
            var exports = parse.GetValue(formats) is { Length: > 0 } names ? names.Select(PlanExports.Get).Distinct().ToList() : PlanExports.All.ToList();
            if (parse.GetValue(parallel) < 1) throw new ArgumentException($"--max-parallel must be at least 1, got {parse.GetValue(parallel)}");
            string folder = Path.GetFullPath(parse.GetValue(output)!);
            if (File.Exists(folder)) throw new ArgumentException($"--out '{folder}' is a file; expected a folder to write plan.json and the scheduler files into");
            var selected = PlanCommand.Chosen(parse.GetValue(experiments));
            var times = EpochTimes.Load(PlanCommand.TimingPath(parse, timing, baselines));
            var env = CommonOptions.Environment(parse, cache, data);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (context, graph) = PlanCommand.Plan(chosen, env, selected, SilentProgress.Instance);
            context.Dispose();
            var (estimate, measuredOn) = Pricing(chosen, env, times);
            var plan = JobPlan.From(graph, chosen.Name, selected.Select(e => e.Name).ToList(), env.Commit, env.Dirty, estimate);
            var settings = new ExportSettings
            {
                Shared = parse.GetValue(shared)!,
                Image = parse.GetValue(image) ?? "",
                RunnerLabels = parse.GetValue(labels)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                MaxParallel = parse.GetValue(parallel),
            }.Validated();

            Directory.CreateDirectory(folder);
            plan.Write(Path.Combine(folder, "plan.json"));
            var written = new List<string> { Path.Combine(folder, "plan.json"), Write(folder, "PLAN.md", PlanSummary.Markdown(plan, times, measuredOn)) };
            foreach (var export in exports)
                foreach (var (path, text) in export.Files(plan, settings)) written.Add(Write(folder, path, text));
            Console.WriteLine($"planned {plan.Builds.Count} artifacts of {string.Join(", ", plan.Experiments)} at profile '{plan.Profile}' in {clock.Elapsed.TotalSeconds:F1} s " +
                $"({plan.Builds.Count(j => j.Kind == PlanJob.ModelKind)} models, {plan.Builds.Count(j => j.Kind == PlanJob.EvaluationKind)} evaluations, {plan.Levels - 1} levels, then 1 assembling job)");
            Console.WriteLine(plan.Device.Length == 0 ? $"no estimate: {PlanCommand.TimingPath(parse, timing, baselines)} has no rows to price with (measure them with `repro plan time`)"
                : $"estimated {(chosen.RequiresGpu && plan.Device != "cuda" ? "CPU hours, not GPU hours," : "hours")} on '{plan.Device}': {PlanSummary.Hours(plan.Builds)} ({plan.EstimateBasis})");
            foreach (var path in written) Console.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// How the plan's hours are estimated, and which device's rows PLAN.md lists: for a GPU profile the rows measured on a GPU
    /// ("cuda") when the table has them, else a CPU's, shown as CPU hours; for a CPU profile this machine's rows, else any CPU's.
    /// Times are never converted between devices.
    /// </summary>
    static (PlanEstimate? Estimate, string? MeasuredOn) Pricing(Profile profile, RunEnvironment env, EpochTimes times)
    {
        var devices = times.Devices;
        if (profile.RequiresGpu && devices.Contains("cuda")) return (PlanEstimate.Measured(times, "cuda"), "cuda");
        string? here = devices.Contains(env.Numerics.Namespace) ? env.Numerics.Namespace
            : devices.FirstOrDefault(d => d.StartsWith("cpu", StringComparison.Ordinal));
        return here is null ? (null, null) : (PlanEstimate.Measured(times, here), here);
    }

    /// <summary>Writes <paramref name="text"/> atomically under <paramref name="folder"/>; scripts become executable. Returns the path.</summary>
    static string Write(string folder, string relative, string text)
    {
        string path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows() && (path.EndsWith(".sh", StringComparison.Ordinal) || path.EndsWith(".sbatch", StringComparison.Ordinal)))
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return path;
    }
}
