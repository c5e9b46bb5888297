using Repro.Cli;
using Repro.Experiments;
using Repro.Experiments.Profiles;
using Repro.Reporting;

namespace Repro.Claims;

/// <summary>
/// One recorded run per profile for the whole claims test host: fixtures ask it for an experiment's
/// result, which is measured once (reusing the artifact cache across runs) and recorded in the ledger
/// like a `repro reproduce` run, so `repro report` afterwards shows what the tests measured.
/// </summary>
static class ClaimsSession
{
    static readonly Dictionary<string, ReproductionRun> Runs = new();
    static readonly Dictionary<(string, string), ExperimentResult> Results = new();
    static readonly object Gate = new();

    public static ExperimentResult Result(string profileName, IExperiment experiment)
    {
        lock (Gate)
        {
            if (Results.TryGetValue((profileName, experiment.Name), out var cached)) return cached;
            var run = RunFor(profileName);
            var result = run.Run(experiment);
            Results[(profileName, experiment.Name)] = result;
            return result;
        }
    }

    public static ReproductionRun RunFor(string profileName)
    {
        lock (Gate)
        {
            if (Runs.TryGetValue(profileName, out var run)) return run;
            var profile = ProfileCatalog.Get(profileName);
            var context = new RunContext(profile, RunEnvironment.Detect(), new ConsoleProgress(TestContext.Progress));
            run = new ReproductionRun(context, RepositoryPaths.Discover(AppContext.BaseDirectory), $"dotnet test (claims, profile {profileName})");
            Runs[profileName] = run;
            return run;
        }
    }

    /// <summary>Finishes every run: ledger rows closed, results.json and index.html written.</summary>
    public static void Close()
    {
        lock (Gate)
        {
            foreach (var run in Runs.Values)
            {
                try { run.WriteReports(); }
                finally
                {
                    run.Dispose();
                    run.Context.Dispose();
                }
            }
            Runs.Clear();
            Results.Clear();
        }
    }
}

/// <summary>Closes the claim runs once every fixture of the assembly has finished.</summary>
[SetUpFixture]
public sealed class ClaimsAssemblyTeardown
{
    [OneTimeTearDown]
    public void CloseRuns() => ClaimsSession.Close();
}
