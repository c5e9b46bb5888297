using Repro.Harness.Planning;

namespace Repro.Unit.Cli;

/// <summary>
/// A scheduler in miniature: <paramref name="workers"/> threads pull the first job of a plan whose needs have all succeeded,
/// each running it (a `repro plan run` process) and going back for the next; a failure stops new starts. The assembling job
/// is left to the caller. Records how many jobs ran at once, to show they did.
/// </summary>
internal sealed class PlanWorkers(JobPlan plan, int workers, Func<PlanJob, CliSandbox.Outcome> run)
{
    readonly object gate = new();
    readonly Dictionary<int, CliSandbox.Outcome> done = new();
    readonly HashSet<int> started = new();
    int running;

    public int MostAtOnce { get; private set; }

    public IReadOnlyDictionary<int, CliSandbox.Outcome> Run()
    {
        var threads = Enumerable.Range(0, workers).Select(_ => new Thread(Work)).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return done;
    }

    void Work()
    {
        while (Next() is { } job)
        {
            var outcome = run(job);
            lock (gate)
            {
                done[job.Id] = outcome;
                running--;
                Monitor.PulseAll(gate);
            }
        }
    }

    PlanJob? Next()
    {
        lock (gate)
        {
            while (true)
            {
                if (done.Values.Any(o => o.ExitCode != 0) || started.Count == plan.Builds.Count) return null;
                var ready = plan.Builds.FirstOrDefault(j => !started.Contains(j.Id) && j.Needs.All(n => done.TryGetValue(n, out var o) && o.ExitCode == 0));
                if (ready is not null)
                {
                    started.Add(ready.Id);
                    MostAtOnce = Math.Max(MostAtOnce, ++running);
                    return ready;
                }
                Monitor.Wait(gate);
            }
        }
    }
}
