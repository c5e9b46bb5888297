using Repro.Cli;
using Repro.Profiles;
using Repro.Reporting;
using Repro.Harness;
using Repro.Paper;

namespace Repro.ClaimTests;

/// <summary>
/// One recorded run per profile for the whole claims test host: fixtures ask it for an experiment's
/// result, which is measured once (reusing the artifact cache across runs) and recorded in the ledger
/// like a `repro reproduce` run, so `repro report` afterwards shows what the tests measured. An experiment that
/// fails is recorded as failed in that run (and marked so in the report) and its error rethrown to every fixture
/// that asks for it, without measuring it again; the other experiments still run.
/// </summary>
static class ClaimsSession
{
    static readonly Dictionary<string, ReproductionRun> Runs = new();
    static readonly Dictionary<(string, string), ExperimentResult> Results = new();
    static readonly Dictionary<(string, string), System.Runtime.ExceptionServices.ExceptionDispatchInfo> Failed = new();
    static readonly object Gate = new();

    public static ExperimentResult Result(string profileName, IExperiment experiment)
    {
        lock (Gate)
        {
            if (Results.TryGetValue((profileName, experiment.Name), out var cached)) return cached;
            if (Failed.TryGetValue((profileName, experiment.Name), out var failed)) failed.Throw();
            var run = RunFor(profileName);
            try
            {
                var result = run.Run(experiment);   // records its own failure in the ledger
                Results[(profileName, experiment.Name)] = result;
                return result;
            }
            catch (Exception e)
            {
                Failed[(profileName, experiment.Name)] = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                throw;
            }
        }
    }

    public static ReproductionRun RunFor(string profileName)
    {
        lock (Gate)
        {
            if (Runs.TryGetValue(profileName, out var run)) return run;
            var profile = ProfileCatalog.Get(profileName);
            var context = new RunContext(profile, RunEnvironment.Detect(), new ConsoleProgress(TestContext.Progress));
            run = new ReproductionRun(context, RepositoryPaths.Discover(AppContext.BaseDirectory), $"dotnet test (claims, profile {profileName})", ExperimentCatalog.All, HeadlineFindings.All);
            Runs[profileName] = run;
            return run;
        }
    }

    /// <summary>Finishes every run: results.json and index.html written, then the run's end (its outcome: success, or its first failure's class).</summary>
    public static void Close()
    {
        lock (Gate)
        {
            foreach (var run in Runs.Values)
            {
                try
                {
                    run.WriteReports();
                }
                catch (Exception e)
                {
                    run.Finish((int)Repro.Failures.Failure.Of(e).Code);   // the report that could not be written is the outcome
                    throw;
                }
                finally
                {
                    run.Dispose();
                    run.Context.Dispose();
                }
            }
            Runs.Clear();
            Results.Clear();
            Failed.Clear();
        }
    }
}

/// <summary>Closes the claim runs once every fixture of the assembly has finished.</summary>
[SetUpFixture]
public sealed class ClaimsAssemblyTeardown
{
    [OneTimeTearDown]
    public void CloseRuns()
    {
        ClaimsSession.Close();
        AuditClaimData.Clean();
    }
}
