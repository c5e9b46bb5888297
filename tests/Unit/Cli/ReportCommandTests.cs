using Repro.Failures;

namespace Repro.Unit.Cli;

/// <summary>`repro report` on a bad baseline or a ledger it cannot read: a plain message, the class's exit code, nothing written or changed.</summary>
public class ReportCommandTests
{
    CliSandbox sandbox = null!;

    [SetUp] public void Create() => sandbox = new CliSandbox();
    [TearDown] public void Delete() => sandbox.Dispose();

    CliSandbox.Outcome Report() => sandbox.Run(["report", "--reports", sandbox.Reports, "--baselines", sandbox.Baselines]);

    string Table03 => Path.Combine(sandbox.Baselines, "paper", "Table03_UnpairingSingleObjective.csv");

    void EditLine(int line, Func<string, string> edit)
    {
        var lines = File.ReadAllLines(Table03);
        lines[line - 1] = edit(lines[line - 1]);
        File.WriteAllText(Table03, string.Join("\n", lines) + "\n");
    }

    [TestCase(",0.84,", ",NaN,", "column 'mean': expected a finite number")]
    [TestCase(",0.84,", ",zero point eight,", "column 'mean': expected a finite number")]
    [TestCase(",0.1,", ",Infinity,", "column 'tolerance'")]
    public void Run_PaperBaselineNumberBroken_BadBaselineNamingFileLineAndColumn_NoReportWritten(string from, string to, string expected)
    {
        EditLine(3, line => line.Replace(from, to, StringComparison.Ordinal));

        var outcome = Report();

        outcome.ExitCode.Should().Be((int)ExitCode.BadBaseline, outcome.ToString());
        outcome.Error.Should().StartWith($"repro: baseline does not read: {Table03}, line 3, {expected}").And.NotContain(" at Repro.");
        File.Exists(Path.Combine(sandbox.Reports, "index.html")).Should().BeFalse();
    }

    [Test]
    public void Run_PaperBaselineFieldMissing_BadBaselineNamingTheLine()
    {
        EditLine(4, line => line[..line.LastIndexOf(',')]);

        var outcome = Report();

        outcome.ExitCode.Should().Be((int)ExitCode.BadBaseline, outcome.ToString());
        outcome.Error.Should().Contain($"{Table03}, line 4: expected 8 fields");
    }

    [Test]
    public void Run_LedgerTruncated_CorruptStoreNamingItLeftAsItWasWithoutWalOrShm()
    {
        sandbox.Run(["report", "--reports", sandbox.Reports, "--baselines", sandbox.Baselines]).ExitCode.Should().Be(0);
        using (var file = new FileStream(sandbox.Ledger, FileMode.Open)) file.SetLength(100);
        File.Delete(Path.Combine(sandbox.Reports, "index.html"));

        var outcome = Report();

        outcome.ExitCode.Should().Be((int)ExitCode.CorruptStore, outcome.ToString());
        outcome.Error.Should().Contain($"the run ledger '{sandbox.Ledger}' is damaged").And.Contain("Move it aside");
        CliSandbox.Entries(sandbox.Reports).Should().Equal("ledger.db");
        new FileInfo(sandbox.Ledger).Length.Should().Be(100);
    }

    [Test]
    public void Run_LedgerIsAFolder_CorruptStoreSayingItMustBeAFile()
    {
        Directory.CreateDirectory(sandbox.Ledger);

        var outcome = Report();

        outcome.ExitCode.Should().Be((int)ExitCode.CorruptStore, outcome.ToString());
        outcome.Error.Should().Contain($"the run ledger '{sandbox.Ledger}' is a folder; it must be a SQLite file");
        CliSandbox.Entries(sandbox.Reports).Should().Equal("ledger.db");
    }

    [Test]
    public void Run_LedgerZeroBytes_CorruptStoreInsteadOfStartingOverSilently()
    {
        Directory.CreateDirectory(sandbox.Reports);
        File.WriteAllBytes(sandbox.Ledger, []);

        var outcome = Report();

        outcome.ExitCode.Should().Be((int)ExitCode.CorruptStore, outcome.ToString());
        outcome.Error.Should().Contain("is empty (0 bytes)");
        CliSandbox.Entries(sandbox.Reports).Should().Equal("ledger.db");
        new FileInfo(sandbox.Ledger).Length.Should().Be(0);
    }

    [Test]
    public void Run_TemporaryPageLeftByAKilledWriter_RemovedWhenTheReportIsWritten()
    {
        Directory.CreateDirectory(sandbox.Reports);
        var left = Path.Combine(sandbox.Reports, $".index.html.{int.MaxValue - 11}-{Guid.NewGuid():N}.tmp");
        File.WriteAllText(left, "<html><body>half a page");

        var outcome = Report();

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        File.Exists(left).Should().BeFalse();
        CliSandbox.Entries(sandbox.Reports).Should().Equal("index.html", "ledger.db");
    }
}
