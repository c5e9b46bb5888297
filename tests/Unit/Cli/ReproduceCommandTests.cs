using Repro.Failures;
using Repro.Reporting.Ledger;
using Repro.Unit.Storage;

namespace Repro.Unit.Cli;

/// <summary>
/// `repro reproduce` refuses bad input before it trains anything, goes on past an experiment that fails, marks it failed
/// in the report, and records the process's real exit code in the ledger. Table V (no training) keeps these fast.
/// </summary>
public class ReproduceCommandTests
{
    const string Quick = "Table05_StrategyApplicability";
    const string Trains = "Table01_OnDevicePriors";

    CliSandbox sandbox = null!;

    [SetUp] public void Create() => sandbox = new CliSandbox();
    [TearDown] public void Delete() => sandbox.Dispose();

    [Test]
    public void Reproduce_DataGivenToTheSmokeProfile_BadInputSayingItReadsTheEmbeddedSlice()
    {
        var outcome = sandbox.Reproduce("-e", Quick, "--data", "/no/such/folder");

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain("--data '/no/such/folder': profile 'smoke' reads the CIFAR-10 slice embedded in Repro").And.Contain("paper");
        CliSandbox.Entries(sandbox.Reports).Should().BeEmpty();
    }

    [Test]
    public void Reproduce_PaperBaselineBroken_BadBaselineBeforeAnyRunStarts()
    {
        var csv = Path.Combine(sandbox.Baselines, "paper", "Table03_UnpairingSingleObjective.csv");
        File.WriteAllText(csv, File.ReadAllText(csv).Replace(",0.84,", ",NaN,", StringComparison.Ordinal));

        var outcome = sandbox.Reproduce("-e", Quick);

        outcome.ExitCode.Should().Be((int)ExitCode.BadBaseline, outcome.ToString());
        outcome.Error.Should().Contain($"{csv}, line 3, column 'mean'");
        CliSandbox.Entries(sandbox.Reports).Should().BeEmpty("nothing was run, so nothing is recorded or written");
    }

    [Test]
    public void Reproduce_VerifiedSnapshotMalformed_BadBaselineNamingIt()
    {
        var verified = Path.Combine(sandbox.Baselines, "smoke", $"{Quick}.verified.json");
        Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
        File.WriteAllText(verified, "{ \"experiment\": ");

        var outcome = sandbox.Reproduce("-e", Quick);

        outcome.ExitCode.Should().Be((int)ExitCode.BadBaseline, outcome.ToString());
        outcome.Error.Should().Contain(verified).And.Contain("not a valid snapshot");
    }

    [Test]
    public void Reproduce_ClaimsJsonMalformed_BadBaselineNamingIt()
    {
        var claims = Path.Combine(sandbox.Baselines, "smoke", "claims.json");
        Directory.CreateDirectory(Path.GetDirectoryName(claims)!);
        File.WriteAllText(claims, "[");

        var outcome = sandbox.Reproduce("-e", Quick);

        outcome.ExitCode.Should().Be((int)ExitCode.BadBaseline, outcome.ToString());
        outcome.Error.Should().Contain(claims).And.Contain("not valid claims JSON");
    }

    [Test]
    public void Reproduce_IndexHtmlIsAFolder_BadInputBeforeAnyRunStarts()
    {
        Directory.CreateDirectory(Path.Combine(sandbox.Reports, "index.html"));

        var outcome = sandbox.Reproduce("-e", Quick);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain($"'{Path.Combine(sandbox.Reports, "index.html")}' is a folder");
        CliSandbox.Entries(sandbox.Reports).Should().Equal("index.html");
    }

    [Test]
    public void Reproduce_OneExperimentMeetsACacheItCannotWrite_OthersRunReportMarksItLedgerHoldsTheRealExitCode()
    {
        sandbox.Reproduce("-e", Quick).ExitCode.Should().Be(0);
        var store = Directory.GetDirectories(Path.Combine(sandbox.Cache, "artifacts")).Single();   // the numerics namespace
        CliSandbox.Outcome outcome;
        using (ReadOnlyPath.Make(store))
            outcome = sandbox.Reproduce("-e", Trains, Quick);

        outcome.ExitCode.Should().Be((int)ExitCode.PermissionDenied, outcome.ToString());
        outcome.Error.Should().Contain($"repro: {Trains} failed: permission denied: the artifact cache '{store}' is not writable by this user")
            .And.Contain("1 of 2 experiment(s) failed").And.NotContain(" at Repro.");
        outcome.Out.Should().Contain("Table V");
        var html = File.ReadAllText(Path.Combine(sandbox.Reports, "index.html"));
        html.Should().Contain($"<li class=\"failed-experiment\" data-experiment=\"{Trains}\" data-profile=\"smoke\">");
        var ledger = new RunLedger(sandbox.Ledger);
        var run = ledger.Runs()[^1];
        run.ExitCode.Should().Be((int)ExitCode.PermissionDenied, "the ledger's status is the process's real outcome");
        ledger.Failures(run.Id).Should().ContainSingle().Which.Experiment.Should().Be(Trains);
        ledger.LatestResult(Quick, "smoke")!.RunId.Should().Be(run.Id);
    }

    [Test]
    public void Reproduce_ReportCannotBeReplaced_FailsAndTheLedgerRecordsThatExitCodeNotSuccess()
    {
        sandbox.Reproduce("-e", Quick).ExitCode.Should().Be(0);
        var html = Path.Combine(sandbox.Reports, "index.html");
        var before = File.ReadAllText(html);
        CliSandbox.Outcome outcome;
        using (ReadOnlyPath.Make(html))
            outcome = sandbox.Reproduce("-e", Quick);

        outcome.ExitCode.Should().Be((int)ExitCode.PermissionDenied, outcome.ToString());
        outcome.Error.Should().Contain("permission denied").And.Contain("index.html");
        File.ReadAllText(html).Should().Be(before, "the previous report stays whole");
        CliSandbox.Entries(sandbox.Reports).Should().NotContain(e => e.EndsWith(".tmp", StringComparison.Ordinal));
        new RunLedger(sandbox.Ledger).Runs()[^1].ExitCode.Should().Be((int)ExitCode.PermissionDenied, "the run's end is written last, with the real outcome");
    }

    [Test]
    public void Reproduce_LeftoversOfAKilledBuildInTheCache_RemovedAndSaid()
    {
        sandbox.Reproduce("-e", Quick).ExitCode.Should().Be(0);
        var kind = Directory.CreateDirectory(Path.Combine(Directory.GetDirectories(Path.Combine(sandbox.Cache, "artifacts")).Single(), "model")).FullName;
        var temp = Directory.CreateDirectory(Path.Combine(kind, $".tmp-model-0123456789abcdef-{Guid.NewGuid():N}")).FullName;
        File.WriteAllText(Path.Combine(temp, "model.bin"), "half a model");
        File.WriteAllText(Path.Combine(kind, "model-0123456789abcdef.lock"), "");

        var outcome = sandbox.Reproduce("-e", Quick);

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        outcome.Out.Should().Contain("cache: removed 2 leftover(s) of killed runs");
        Directory.GetFileSystemEntries(kind).Should().BeEmpty();
    }
}
