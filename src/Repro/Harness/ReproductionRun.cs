using Repro.Failures;
using Repro.Reporting;
using Repro.Reporting.Ledger;
using Repro.Reporting.Snapshots;
using Repro.Claims;

namespace Repro.Harness;

/// <summary>
/// One recorded run of experiments at one profile, as the CLI and the claim tests both do it: run (or
/// reuse from the cache), judge the claims, record everything in the ledger before anything is
/// drawn from it (DESIGN.md §6), compare with the verified snapshot, and write the reports.
/// An experiment that fails is recorded as failed (error, experiment, profile) and the run goes on to the
/// next one; the run's end is recorded last, with the process's real outcome (<see cref="Finish"/>).
/// </summary>
public sealed class ReproductionRun : IDisposable
{
    readonly RunLedger ledger;
    readonly long runId;
    readonly List<ExperimentResult> results = new();
    readonly List<ExperimentFailure> failures = new();
    bool finished;

    readonly IReadOnlyList<IExperiment> catalog;
    readonly IReadOnlyList<Finding> findings;

    /// <param name="catalog">Every experiment there is: what the profile's claims.json may name.</param>
    /// <param name="findings">The paper's headline findings, judged in the report over the tables measured.</param>
    public ReproductionRun(RunContext context, RepositoryPaths paths, string commandLine, IReadOnlyList<IExperiment> catalog, IReadOnlyList<Finding>? findings = null)
    {
        this.catalog = catalog;
        this.findings = findings ?? Array.Empty<Finding>();
        Context = context;
        Paths = paths;
        ledger = new RunLedger(paths.Ledger);
        var env = context.Environment;
        runId = ledger.StartRun(new RunInfo(DateTimeOffset.UtcNow, env.Commit, env.Dirty, context.Profile.Name, env.DeviceName,
            env.TorchSharpVersion, env.LibTorchVersion, env.Machine, commandLine, env.Numerics));
    }

    public RunContext Context { get; }
    public RepositoryPaths Paths { get; }
    public long RunId => runId;
    public IReadOnlyList<ExperimentResult> Results => results;
    public IReadOnlyList<ExperimentFailure> Failures => failures;

    /// <summary>The run's outcome so far: success, or the class of its first failure.</summary>
    public ExitCode Outcome => failures.Count == 0 ? ExitCode.Success : failures[0].Failure.Code;

    /// <summary>
    /// Runs the experiment, attaches its claim verdicts and records the result in the ledger. On an error the
    /// failure is recorded (<see cref="RecordFailure"/>) and the error rethrown: the caller decides whether to go on.
    /// </summary>
    public ExperimentResult Run(IExperiment experiment)
    {
        Context.Progress.Note($"{experiment.Name} ({experiment.PaperReference}), profile '{Context.Profile.Name}'");
        try
        {
            var result = experiment.Run(Context);
            // One-seed values take the profile's measured seed spread as their uncertainty before any claim is judged.
            if (SeedSpread.For(Paths.Baselines, Context.Profile.Name) is { } spread) result = spread.Attach(result);
            var expectations = ClaimExpectations.For(Paths.Baselines, Context.Profile.Name, RunInputs.ClaimsOf(catalog));
            var verdicts = experiment.Claims.Select(claim =>
            {
                if (claim.NotApplicable(Context.Profile) is { } notHere)
                    return ClaimVerdict.NotMeasured(experiment.Name, claim.Statement, claim.PaperSentence, claim.PaperValue, notHere);
                return expectations.Annotate(claim.Evaluate(result), experiment.Name, claim.Id, Context.Profile.Name);
            }).ToList();
            result = result with { Claims = verdicts };
            try
            {
                ResultValidation.ThrowIfInvalid(result, $"{experiment.Name} ({Context.Profile.Name})");
            }
            catch (InvalidDataException e)
            {
                // A freshly measured NaN is a failed measurement (ExitCode.MeasurementFailed), not bad input.
                throw new ArithmeticException(e.Message, e);
            }
            ledger.RecordResult(runId, result, DateTimeOffset.UtcNow);
            results.Add(result);
            return result;
        }
        catch (Exception e)
        {
            RecordFailure(experiment.Name, e);
            throw;
        }
    }

    /// <summary>Compares with baselines/&lt;profile&gt;/&lt;Experiment&gt;.verified.json, writing .received.json on a difference;
    /// a snapshot that does not read is recorded as the experiment's failure and rethrown.</summary>
    public SnapshotCheck CheckSnapshot(ExperimentResult result)
    {
        try
        {
            return new SnapshotVerifier(Paths.Baselines).Check(result);
        }
        catch (Exception e)
        {
            RecordFailure(result.Experiment, e);
            throw;
        }
    }

    /// <summary>
    /// Records that <paramref name="experiment"/> stopped with <paramref name="error"/>: in the ledger (its message, and
    /// for a bug its stack trace) and in this run's outcome. The same error is recorded once however often it is passed.
    /// A ledger that cannot take the row does not hide the error: the failure still counts, with a note.
    /// </summary>
    public Failure RecordFailure(string experiment, Exception error)
    {
        var failure = Failure.Of(error);
        if (failures.FirstOrDefault(f => ReferenceEquals(f.Failure.Exception, failure.Exception)) is { } known) return known.Failure;
        failures.Add(new ExperimentFailure(experiment, failure));
        string text = failure.IsBug ? $"{failure.Message}\n{failure.Exception}" : failure.Message;
        try
        {
            ledger.RecordFailure(runId, experiment, Context.Profile.Name, text, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (Failure.Of(e) is { IsBug: false } notRecorded)
        {
            Context.Progress.Note($"the failure of {experiment} could not be recorded in the ledger: {notRecorded.Message}");
        }
        return failure;
    }

    /// <summary>Writes reports/results.json (this run's results) and reports/index.html (from the whole ledger, failures included).</summary>
    /// <param name="pending">Experiments this run has still to measure, marked pending on the page.</param>
    public ReportModel WriteReports(IReadOnlyList<string>? pending = null)
    {
        if (results.Count > 0) ResultsFile.Write(Paths.ResultsJson, results);
        return ReportWriter.Write(Paths, ledger, catalog, findings, pending);
    }

    /// <summary>Records the run's end with the process's real exit code; called last, once.</summary>
    public void Finish(int exitCode)
    {
        lock (finishGate)
        {
            if (finished) throw new InvalidOperationException($"run {runId} is already finished");
            finished = true;
        }
        ledger.FinishRun(runId, DateTimeOffset.UtcNow, exitCode);
    }

    readonly object finishGate = new();

    /// <summary>
    /// Ends the run on a signal: the ledger records the run's end with <paramref name="exitCode"/> (130 for SIGINT, 143 for
    /// SIGTERM, the shell's convention) unless it ended already, and the temporary folders of builds in flight are
    /// removed; completed artifacts and checkpoints stay, so rerunning the command resumes. Returns false when the run had
    /// already finished.
    /// </summary>
    public bool Interrupt(int exitCode)
    {
        lock (finishGate)
        {
            if (finished) return false;
            finished = true;
        }
        Context.Artifacts.RemoveBuildsInFlight();
        try
        {
            ledger.FinishRun(runId, DateTimeOffset.UtcNow, exitCode);
        }
        catch (Exception e) when (Failure.Of(e) is { IsBug: false })
        {
        }
        return true;
    }

    /// <summary>A run nobody finished explicitly (a test host, say) ends with its own <see cref="Outcome"/>.</summary>
    public void Dispose()
    {
        if (!finished) Finish((int)Outcome);
    }
}
