using System.CommandLine;
using System.Globalization;
using Repro.Harness.Planning;
using Repro.Profiles;
using Repro.Progress;
using Repro.Storage;

namespace Repro.Cli;

/// <summary>
/// `repro plan time`: measures, on this machine and device, the seconds per image of every (network, pass) a profile's plan
/// makes (a few real steps each), and writes them into the timing table that `plan export` estimates hours from. GPU hours
/// need rows measured on the GPU that will run the plan: run this there (a CUDA build of repro).
/// </summary>
public static class PlanTimeCommand
{
    public static Command Create()
    {
        var profile = CommonOptions.Profile();
        var experiments = PlanCommand.Experiments();
        var steps = new Option<int>("--steps") { Description = "Timed steps per network and pass, after one of warm-up", DefaultValueFactory = _ => 3 };
        var batch = new Option<int?>("--batch") { Description = "Images per step (default: the profile's training batch)" };
        var cache = CommonOptions.Cache();
        var data = CommonOptions.Data();
        var baselines = CommonOptions.Baselines();
        var timing = PlanCommand.Timing();
        var command = new Command("time", "Measure seconds per image of each network and pass a profile's plan makes, into the timing table")
        {
            profile, experiments, steps, batch, cache, data, baselines, timing,
        };
        command.SetAction(parse =>
        {
            var chosen = ProfileCatalog.Get(parse.GetValue(profile)!);
            CommonOptions.RefuseDataForEmbeddedProfile(chosen, parse.GetValue(data));
            int n = parse.GetValue(steps), images = parse.GetValue(batch) ?? chosen.Training.BatchSize;
            if (n < 1) throw new ArgumentException($"--steps must be at least 1, got {n}");
            if (images < 1) throw new ArgumentException($"--batch must be at least 1, got {images}");
            string path = PlanCommand.TimingPath(parse, timing, baselines);
            var table = EpochTimes.Load(path);
            var env = CommonOptions.Environment(parse, cache, data);
            var (context, graph) = PlanCommand.Plan(chosen, env, PlanCommand.Chosen(parse.GetValue(experiments)), SilentProgress.Instance);
            using (context)
            {
                var progress = new ConsoleProgress(Console.Out);
                string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
                string source = $"repro plan time --profile {chosen.Name} at commit {env.Commit[..Math.Min(12, env.Commit.Length)]} on {env.Numerics.ProcessorModel}, " +
                    $"{env.Numerics.Threads} thread(s), load average {load} at the start";
                var terms = graph.Artifacts.SelectMany(a => a.Work.Terms).ToList();
                var rows = EpochTimer.Measure(terms, images, n, context.Device, env.Numerics.Namespace, source, progress.Note).ToList();
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                AtomicFile.WriteAllText(path, table.With(rows).ToCsv());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measured {rows.Count} network/pass pair(s) on '{env.Numerics.Namespace}'; wrote {path}"));
            }
            return 0;
        });
        return command;
    }
}
