using System.CommandLine;
using Repro.Failures;
using Repro.Harness;
using Repro.Harness.Planning;
using Repro.Paper;
using Repro.Profiles;
using Repro.Reporting.Ledger;
using Repro.Storage;

namespace Repro.Cli;

/// <summary>
/// `repro plan run --plan plan.json --job N`: one job of an exported plan. A build job re-plans its experiment with this build,
/// finds the artifact of job N by key (refusing a plan another commit made, and a job whose inputs are not in the cache yet),
/// builds exactly it into the cache, and records its run in a ledger of its own under &lt;reports&gt;/jobs/. The last job merges
/// those ledgers into &lt;reports&gt;/ledger.db and assembles the results and the report from the cache, as `repro reproduce` over
/// a warm cache does, failing if that had to build anything the plan did not list.
/// </summary>
public static class PlanRunCommand
{
    public const string JobsFolder = "jobs";
    public const string JobLedgerSuffix = ".ledger.db";

    public static Command Create()
    {
        var planFile = new Option<string>("--plan") { Description = "The plan.json `repro plan export` wrote", Required = true };
        var job = new Option<int>("--job") { Description = "The job to run (1..n; the last assembles the results)", Required = true };
        var cache = CommonOptions.Cache();
        var data = CommonOptions.Data();
        var reports = CommonOptions.Reports();
        var baselines = CommonOptions.Baselines();
        var allowCpu = new Option<bool>("--allow-cpu") { Description = "Run a job of a GPU profile on the CPU anyway" };
        var command = new Command("run", "Run one job of a plan: build its artifact into the cache, or assemble the results")
        {
            planFile, job, cache, data, reports, baselines, allowCpu,
        };
        command.SetAction(parse =>
        {
            string source = Path.GetFullPath(parse.GetValue(planFile)!);
            var plan = JobPlan.Load(source);
            var chosen = plan.Job(parse.GetValue(job), source);
            var profile = ProfileCatalog.Get(plan.Profile);
            CommonOptions.RefuseDataForEmbeddedProfile(profile, parse.GetValue(data));
            var env = CommonOptions.Environment(parse, cache, data);
            if (profile.RequiresGpu && !env.CudaAvailable && !parse.GetValue(allowCpu))
                throw new ArgumentException($"plan '{source}' is of profile '{profile.Name}', which needs CUDA, and this machine lacks it; run the job on a GPU node, or pass --allow-cpu");
            var paths = CommonOptions.Paths(parse, baselines, reports);
            string line = CommandText.Of(parse);
            return chosen.Assembles
                ? Assemble(plan, source, profile, env, paths, line, parse.GetValue<bool>(CommandLine.VerboseOption))
                : Build(plan, chosen, profile, env, paths, line);
        });
        return command;
    }

    /// <summary>Builds the artifact of <paramref name="job"/>, recording the run in a ledger published whole under &lt;reports&gt;/jobs/ when it ends.</summary>
    static int Build(JobPlan plan, PlanJob job, Profile profile, RunEnvironment env, RepositoryPaths paths, string line)
    {
        // The ledger is written on local disk and published whole: the shared folder then needs no SQLite locking across machines.
        var local = Directory.CreateTempSubdirectory("repro-job-").FullName;
        string stamp = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'.'fff'Z'}-{env.Machine}-{Environment.ProcessId}";
        string published = Path.Combine(paths.Reports, JobsFolder, $"job-{job.Id}", stamp + JobLedgerSuffix);
        var ledger = new RunLedger(Path.Combine(local, "ledger.db"));
        long run = ledger.StartRun(new RunInfo(DateTimeOffset.UtcNow, env.Commit, env.Dirty, profile.Name, env.DeviceName, env.TorchSharpVersion,
            env.LibTorchVersion, env.Machine, line, env.Numerics));
        int code = (int)ExitCode.InternalError;
        var progress = new ConsoleProgress(Console.Out);
        try
        {
            progress.Note($"plan job {job.Id} of {plan.Jobs.Count}: {job.What} ({job.Key})");
            var (context, graph) = PlanCommand.Plan(profile, env, job.Experiments.Take(1).Select(ExperimentCatalog.Get), progress);
            using (context)
            {
                var artifact = graph.Artifacts.FirstOrDefault(a => a.Key.ToString() == job.Key)
                    ?? throw new InvalidDataException($"plan job {job.Id} is {job.Key} ({job.What}), but this build plans no such artifact for {job.Experiments[0]} at profile " +
                        $"'{profile.Name}': the plan was made by commit {plan.Commit}{(plan.Dirty ? " (dirty)" : "")}, this is {env.Commit}{(env.Dirty ? " (dirty)" : "")}. " +
                        "Export the plan again with this build, or run the build the plan was made with");
                var missing = artifact.Needs.Where(key => !context.Artifacts.Exists(key)).ToList();
                if (missing.Count > 0)
                    throw new PlanNotReadyException($"plan job {job.Id} ({job.What}) needs {string.Join(", ", missing.Select(k => Describe(plan, k.ToString())))}, " +
                        $"not in the cache '{context.Artifacts.Root}' yet: run those jobs first (the exported schedulers do), with the same cache");
                bool cached = context.Artifacts.Exists(artifact.Key);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                artifact.Build();
                progress.Note(cached ? $"{artifact.Key} was already in the cache" : $"built {artifact.Key} in {clock.Elapsed.TotalSeconds:F1} s");
            }
            code = 0;
            return 0;
        }
        catch (Exception e)
        {
            var failure = Failure.Of(e);
            code = (int)failure.Code;
            ledger.RecordFailure(run, job.Experiments.FirstOrDefault() ?? plan.Profile, profile.Name,
                $"plan job {job.Id} ({job.Key}): {(failure.IsBug ? $"{failure.Message}\n{failure.Exception}" : failure.Message)}", DateTimeOffset.UtcNow);
            throw;
        }
        finally
        {
            ledger.FinishRun(run, DateTimeOffset.UtcNow, code);
            Directory.CreateDirectory(Path.GetDirectoryName(published)!);
            AtomicFile.Write(published, stream =>
            {
                using var file = File.OpenRead(ledger.DatabasePath);
                file.CopyTo(stream);
            }, overwrite: false);
            Directory.Delete(local, recursive: true);
            progress.Note($"ledger: {published}");
        }
    }

    /// <summary>Merges the jobs' ledgers, then assembles every experiment of the plan from the cache into the reports.</summary>
    static int Assemble(JobPlan plan, string source, Profile profile, RunEnvironment env, RepositoryPaths paths, string line, bool verbose)
    {
        var selected = plan.Experiments.Select(ExperimentCatalog.Get).ToList();
        RunInputs.Check(paths, profile.Name, selected, ExperimentCatalog.All);
        var progress = new ConsoleProgress(Console.Out);
        using var context = new RunContext(profile, env, progress);
        var missing = plan.Builds.Where(j => !context.Artifacts.Exists(Harness.Artifacts.ArtifactKey.Parse(j.Key))).ToList();
        if (missing.Count > 0)
            throw new PlanNotReadyException($"plan '{source}' cannot be assembled yet: {missing.Count} of its {plan.Builds.Count} artifacts are not in the cache " +
                $"'{context.Artifacts.Root}' (jobs {string.Join(", ", missing.Take(20).Select(j => j.Id))}{(missing.Count > 20 ? ", ..." : "")}); run them first");

        var ledgers = Directory.Exists(Path.Combine(paths.Reports, JobsFolder))
            ? Directory.EnumerateFiles(Path.Combine(paths.Reports, JobsFolder), "*" + JobLedgerSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : new List<string>();
        var target = new RunLedger(paths.Ledger);
        long runs = 0;
        foreach (var ledger in ledgers) runs += target.Merge(ledger).Runs;
        progress.Note($"merged {ledgers.Count} job ledger(s) into {paths.Ledger} ({runs} new run(s))");

        var before = Artifacts(context.Artifacts.Root);
        int code = (int)ExitCode.InternalError;
        using var run = new ReproductionRun(context, paths, line, ExperimentCatalog.All, HeadlineFindings.All);
        try
        {
            code = ReproduceCommand.RunAll(run, selected, verbose);
            var built = Artifacts(context.Artifacts.Root).Except(before).Order(StringComparer.Ordinal).ToList();
            if (built.Count > 0)
                throw new InvalidOperationException($"assembling plan '{source}' built {built.Count} artifact(s) the plan does not list ({string.Join(", ", built.Take(10))}): " +
                    "the planning pass missed what an experiment asks for; the results are right, but the plan is incomplete");
            return code;
        }
        catch (Exception e)
        {
            code = (int)Failure.Of(e).Code;
            throw;
        }
        finally
        {
            ReproduceCommand.FinishLast(run, code);
        }
    }

    /// <summary>The keys of the complete artifacts in a cache (those with a manifest).</summary>
    static HashSet<string> Artifacts(string root) =>
        Directory.EnumerateFiles(root, Harness.Artifacts.ArtifactStore.ManifestFile, SearchOption.AllDirectories)
            .Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).ToHashSet(StringComparer.Ordinal);

    static string Describe(JobPlan plan, string key) =>
        plan.Jobs.FirstOrDefault(j => j.Key == key) is { } job ? $"{key} (job {job.Id}: {job.What})" : key;
}
