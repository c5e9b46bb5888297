using Repro.Experiments.Claims;
using Repro.Reporting;
using Repro.Reporting.Ledger;
using Repro.Reporting.Snapshots;

namespace Repro.Experiments;

/// <summary>
/// One recorded run of experiments at one profile, as the CLI and the claim tests both do it: run (or
/// reuse from the cache), judge the claims, record everything in the ledger before anything is
/// drawn from it (DESIGN.md §6), compare with the verified snapshot, and write the reports.
/// </summary>
public sealed class ReproductionRun : IDisposable
{
    readonly RunLedger ledger;
    readonly long runId;
    readonly List<ExperimentResult> results = new();
    int exitCode;

    public ReproductionRun(RunContext context, RepositoryPaths paths, string commandLine)
    {
        Context = context;
        Paths = paths;
        Directory.CreateDirectory(paths.Reports);
        ledger = new RunLedger(paths.Ledger);
        var env = context.Environment;
        runId = ledger.StartRun(new RunInfo(DateTimeOffset.UtcNow, env.Commit, env.Dirty, context.Profile.Name, env.DeviceName,
            env.TorchSharpVersion, env.LibTorchVersion, env.Machine, commandLine, env.Numerics));
    }

    public RunContext Context { get; }
    public RepositoryPaths Paths { get; }
    public IReadOnlyList<ExperimentResult> Results => results;

    /// <summary>Runs the experiment, attaches its claim verdicts and records the result in the ledger.</summary>
    public ExperimentResult Run(IExperiment experiment)
    {
        Context.Progress.Note($"{experiment.Name} ({experiment.PaperReference}), profile '{Context.Profile.Name}'");
        ExperimentResult result;
        try
        {
            result = experiment.Run(Context);
        }
        catch
        {
            exitCode = 1;
            throw;
        }
        // One-seed values take the profile's measured seed spread as their uncertainty before any claim is judged.
        if (SeedSpread.For(Paths.Baselines, Context.Profile.Name) is { } spread) result = spread.Attach(result);
        var expectations = ClaimExpectations.For(Paths.Baselines, Context.Profile.Name);
        var verdicts = ClaimCatalog.For(experiment.Name).Select(claim =>
        {
            if (claim.NotApplicable(Context.Profile) is { } notHere)
                return ClaimVerdict.NotMeasured(experiment.Name, claim.Statement, claim.PaperSentence, claim.PaperValue, notHere);
            var verdict = claim.Evaluate(result);
            return expectations.Expected(experiment.Name, claim.Id) is { } documented
                ? verdict with
                {
                    Explanation = $"{verdict.Explanation} Documented as {documented.Verdict.ToString().ToLowerInvariant()} at the '{Context.Profile.Name}' scale: {documented.Reason}",
                    DocumentedAtThisScale = documented.Reason,
                    DocumentedOutcome = documented.Verdict,
                }
                : verdict;
        }).ToList();
        result = result with { Claims = verdicts };
        ResultValidation.ThrowIfInvalid(result, $"{experiment.Name} ({Context.Profile.Name})");
        ledger.RecordResult(runId, result, DateTimeOffset.UtcNow);
        results.Add(result);
        return result;
    }

    /// <summary>Compares with baselines/&lt;profile&gt;/&lt;Experiment&gt;.verified.json, writing .received.json on a difference.</summary>
    public SnapshotCheck CheckSnapshot(ExperimentResult result) => new SnapshotVerifier(Paths.Baselines).Check(result);

    /// <summary>Writes reports/results.json (this run's results) and reports/index.html (from the whole ledger).</summary>
    public void WriteReports()
    {
        if (results.Count > 0) ResultsFile.Write(Paths.ResultsJson, results);
        ReportWriter.Write(Paths, ledger);
    }

    public void MarkFailed() => exitCode = 1;

    public void Dispose() => ledger.FinishRun(runId, DateTimeOffset.UtcNow, exitCode);
}
