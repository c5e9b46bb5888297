using Repro.Profiles;
using Repro.Failures;
using Repro.Reporting;
using Repro.Reporting.Ledger;
using Repro.Training;
using Repro.Unit.Reporting;
using Repro.Progress;
using Repro.Harness;
using Repro.Claims;
using Repro.Paper;

namespace Repro.Unit.Harness;

/// <summary>A run goes on past a failing experiment, records the failure, and ends with the real outcome.</summary>
public class ReproductionRunTests
{
    sealed class Failing(Exception error) : IExperiment
    {
        public string Name => "Figure2_SimilarityVsVulnerability";
        public string PaperReference => "Figure 2";
        public string Title => "fails";
        public IReadOnlyList<Repro.Claims.Claim> Claims => Array.Empty<Repro.Claims.Claim>();
        public ExperimentResult Run(RunContext context) => throw error;
    }

    sealed class Succeeding : IExperiment
    {
        public string Name => "FakeTable";
        public string PaperReference => "Table ?";
        public string Title => "succeeds";
        public IReadOnlyList<Repro.Claims.Claim> Claims => Array.Empty<Repro.Claims.Claim>();
        public ExperimentResult Run(RunContext context) =>
            FakeResults.Result(Name, context.Profile.Name, new[] { FakeResults.Row("r", "Row", ("accuracy", FakeResults.V(50))) });
    }

    DirectoryInfo root = null!;
    RunContext context = null!;
    Repro.Harness.RepositoryPaths paths = null!;

    [SetUp]
    public void Create()
    {
        root = Directory.CreateTempSubdirectory("run-");
        context = new RunContext(SmokeProfile.Create(), RunEnvironment.Detect(cacheOverride: Path.Combine(root.FullName, "cache")), SilentProgress.Instance);
        paths = Repro.Harness.RepositoryPaths.Discover(AppContext.BaseDirectory, reports: Path.Combine(root.FullName, "reports"));
    }

    [TearDown]
    public void Delete()
    {
        context.Dispose();
        root.Delete(recursive: true);
    }

    [Test]
    public void Run_OneExperimentFails_RecordsItRethrowsAndTheNextStillRecordsItsResult()
    {
        var error = new NonFiniteTrainingException("SqueezeNet-mini s0", 1, 3, "the loss is NaN");
        long runId;
        using (var run = new ReproductionRun(context, paths, "test", ExperimentCatalog.All))
        {
            runId = run.RunId;
            var failing = () => run.Run(new Failing(error));
            failing.Should().Throw<NonFiniteTrainingException>().Which.Should().BeSameAs(error);
            run.Run(new Succeeding());

            run.Failures.Should().ContainSingle().Which.Experiment.Should().Be("Figure2_SimilarityVsVulnerability");
            run.Outcome.Should().Be(ExitCode.MeasurementFailed);
        }

        var ledger = new RunLedger(paths.Ledger);
        var failure = ledger.Failures(runId).Should().ContainSingle().Subject;
        (failure.Experiment, failure.Profile).Should().Be(("Figure2_SimilarityVsVulnerability", "smoke"));
        failure.Error.Should().Contain("SqueezeNet-mini s0").And.Contain("epoch 1, step 3");
        ledger.LatestResult("FakeTable", "smoke").Should().NotBeNull();
        ledger.Run(runId)!.ExitCode.Should().Be((int)ExitCode.MeasurementFailed, "a run nobody finished ends with its own outcome");
    }

    [Test]
    public void RecordFailure_SameErrorTwice_RecordedOnce_ABugKeepsItsStackTraceInTheLedger()
    {
        Exception bug;
        try { throw new InvalidOperationException("a bug"); }
        catch (InvalidOperationException e) { bug = e; }
        long runId;
        using (var run = new ReproductionRun(context, paths, "test", ExperimentCatalog.All))
        {
            runId = run.RunId;
            run.RecordFailure("Table03_UnpairingSingleObjective", bug);
            run.RecordFailure("Table03_UnpairingSingleObjective", bug);
            run.Outcome.Should().Be(ExitCode.InternalError);
        }

        var failure = new RunLedger(paths.Ledger).Failures(runId).Should().ContainSingle().Subject;
        failure.Error.Should().Contain("a bug in Repro").And.Contain(nameof(RecordFailure_SameErrorTwice_RecordedOnce_ABugKeepsItsStackTraceInTheLedger));
    }

    [Test]
    public void Finish_RecordsTheGivenCodeOnce_DisposeAddsNothing()
    {
        long runId;
        using (var run = new ReproductionRun(context, paths, "test", ExperimentCatalog.All))
        {
            runId = run.RunId;
            run.Finish((int)ExitCode.BadInput);
            var again = () => run.Finish(0);
            again.Should().Throw<InvalidOperationException>();
        }

        new RunLedger(paths.Ledger).Run(runId)!.ExitCode.Should().Be((int)ExitCode.BadInput);
    }
}
