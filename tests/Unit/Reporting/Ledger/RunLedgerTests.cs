using Microsoft.Data.Sqlite;
using Repro.Reporting.Ledger;

namespace Repro.Unit.Reporting.Ledger;

public partial class RunLedgerTests
{
    internal static RunInfo Info(string profile = "mini", string commit = "0123abcd", DateTimeOffset? at = null) => new(
        at ?? FakeResults.Start, commit, false, profile, "cpu", "0.107.0", "2.10.0", "test-box", "repro reproduce --profile " + profile);

    [Test]
    public void StartFinishRun_RunsListsItWithEveryField()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long id = ledger.StartRun(Info() with { Dirty = true });
        ledger.Run(id)!.FinishedUtc.Should().BeNull("a run still going (or killed) has no end row");

        ledger.FinishRun(id, FakeResults.Start.AddMinutes(5), exitCode: 1);

        var run = ledger.Runs().Single();
        run.Info.Should().Be(Info() with { Dirty = true });
        run.FinishedUtc.Should().Be(FakeResults.Start.AddMinutes(5));
        run.ExitCode.Should().Be(1);
    }

    [Test]
    public void FinishRun_Twice_ThrowsAndKeepsTheFirstEnd()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long id = ledger.StartRun(Info());
        ledger.FinishRun(id, FakeResults.Start.AddMinutes(1));
        var act = () => ledger.FinishRun(id, FakeResults.Start.AddMinutes(2));
        act.Should().Throw<InvalidOperationException>().WithMessage("*already marked finished*");
        ledger.Run(id)!.FinishedUtc.Should().Be(FakeResults.Start.AddMinutes(1));
    }

    [Test]
    public void RecordResult_LatestResult_RoundTripsTheResultAndItsMeasurements()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long run = ledger.StartRun(Info("paper"));
        var result = FakeResults.FiveSeeds();

        long id = ledger.RecordResult(run, result, FakeResults.Start.AddMinutes(2));

        var latest = ledger.LatestResult("Table01_OnDevicePriors", "paper")!;
        latest.ResultId.Should().Be(id);
        latest.RunId.Should().Be(run);
        latest.Result.Should().BeEquivalentTo(result, o => o.ComparingRecordsByMembers().WithStrictOrdering());
        ledger.Counts().Measurements.Should().Be(10, "one per row, metric and seed");
        ledger.LatestResult("Table01_OnDevicePriors", "mini").Should().BeNull();
    }

    [Test]
    public void RecordMeasurements_EnumerationThrowsHalfway_LeavesNothingOfItselfAndKeepsEarlierRows()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long run = ledger.StartRun(Info());
        ledger.RecordResult(run, FakeResults.Table01(), FakeResults.Start);
        var before = ledger.Counts();

        IEnumerable<Measurement> Killed()
        {
            yield return M("cifar10/pruning", "rfr_fgsm", 0.9);
            yield return M("cifar10/pruning", "queries", 15);
            throw new OperationCanceledException("the run was killed");
        }
        var act = () => ledger.RecordMeasurements(run, Killed());

        act.Should().Throw<OperationCanceledException>();
        ledger.Counts().Should().Be(before);
        ledger.LatestResult("Table01_OnDevicePriors", "mini").Should().NotBeNull();
    }

    [Test]
    public void RecordMeasurements_NonFiniteValueHalfway_ThrowsNamingItAndRollsBack()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long run = ledger.StartRun(Info());
        var act = () => ledger.RecordMeasurements(run, new[] { M("a", "rfr_fgsm", 0.5), M("b", "queries", double.PositiveInfinity) });
        act.Should().Throw<ArgumentException>().WithMessage("*row 'b', metric 'queries'*finite*");
        ledger.Counts().Measurements.Should().Be(0);
    }

    [Test]
    public void RecordResult_UnknownRun_Throws()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        var act = () => ledger.RecordResult(42, FakeResults.Table01(), FakeResults.Start);
        act.Should().Throw<KeyNotFoundException>().WithMessage("*no run 42*");
    }

    [Test]
    public void UpdateOrDelete_AnyLedgerRow_IsRefusedByTheDatabase()
    {
        using var temp = new TempFolder();
        string path = temp.File("ledger.db");
        var ledger = new RunLedger(path);
        long run = ledger.StartRun(Info());
        ledger.RecordResult(run, FakeResults.Table01(), FakeResults.Start);

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        foreach (var sql in new[] { "UPDATE measurements SET value = 0", "DELETE FROM measurements", "UPDATE runs SET commit_sha = 'x'", "DELETE FROM results" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var act = () => command.ExecuteNonQuery();
            act.Should().Throw<SqliteException>().WithMessage("*append-only*", sql);
        }
    }

    [Test]
    public void Open_SetsWalMode()
    {
        using var temp = new TempFolder();
        string path = temp.File("ledger.db");
        _ = new RunLedger(path);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        ((string)command.ExecuteScalar()!).Should().Be("wal");
    }

    [Test]
    public async Task ConcurrentWriters_ManyTasksOneFile_EveryRowLands()
    {
        using var temp = new TempFolder();
        string path = temp.File("ledger.db");
        const int writers = 8, resultsEach = 5;

        // Each task opens its own ledger (as separate processes would) and writes runs, results and measurements.
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            var ledger = new RunLedger(path);
            long run = ledger.StartRun(Info(commit: $"writer{w}"));
            for (int i = 0; i < resultsEach; i++)
            {
                ledger.RecordResult(run, FakeResults.Table01(quantizedRfr: w + i / 10.0), FakeResults.Start.AddSeconds(i));
                ledger.RecordMeasurements(run, new[] { M("extra", "images_sent", w * 100 + i) });
            }
            ledger.FinishRun(run, FakeResults.Start.AddMinutes(1));
        })).ToArray();
        await Task.WhenAll(tasks);

        var counts = new RunLedger(path).Counts();
        counts.Should().Be(new LedgerCounts(writers, writers, writers * resultsEach * (15 + 1), writers * resultsEach, 0));
    }

    [Test]
    public void Accept_LatestAcceptedIsTheNewestAcceptanceNotTheNewestResult()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long run = ledger.StartRun(Info());
        long first = ledger.RecordResult(run, FakeResults.Table01(quantizedRfr: 0.9), FakeResults.Start);
        long second = ledger.RecordResult(run, FakeResults.Table01(quantizedRfr: 0.8), FakeResults.Start.AddMinutes(1));
        ledger.LatestAccepted("Table01_OnDevicePriors", "mini").Should().BeNull();

        ledger.Accept(first, FakeResults.Start.AddHours(1), "reviewed");

        ledger.LatestAccepted("Table01_OnDevicePriors", "mini")!.ResultId.Should().Be(first);
        ledger.LatestResult("Table01_OnDevicePriors", "mini")!.ResultId.Should().Be(second);
        ledger.AcceptedResultIds().Should().BeEquivalentTo(new[] { first });

        ledger.Accept(second, FakeResults.Start.AddHours(2));
        ledger.LatestAccepted("Table01_OnDevicePriors", "mini")!.ResultId.Should().Be(second);
        ledger.Counts().Accepted.Should().Be(2, "acceptance adds a row, it never rewrites one");
    }

    [Test]
    public void Accept_UnknownResult_Throws()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        var act = () => ledger.Accept(7, FakeResults.Start);
        act.Should().Throw<KeyNotFoundException>();
    }

    [Test]
    public void History_MetricAcrossRuns_OnePointPerResultWithMeanStdNAndCommit()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        for (int i = 0; i < 3; i++)
        {
            long run = ledger.StartRun(Info(commit: $"c{i}", at: FakeResults.Start.AddDays(i)));
            ledger.RecordResult(run, FakeResults.Table01(quantizedRfr: 0.7 + i * 0.1), FakeResults.Start.AddDays(i));
        }
        long paperRun = ledger.StartRun(Info("paper"));
        ledger.RecordResult(paperRun, FakeResults.FiveSeeds(), FakeResults.Start);

        var history = ledger.History("Table01_OnDevicePriors", "mini", "cifar10/quantization", "rfr_fgsm");
        history.Points.Select(p => p.Mean).Should().Equal(new[] { 0.7, 0.8, 0.9 }, (a, b) => Math.Abs(a - b) < 1e-12);
        history.Points.Select(p => p.Commit).Should().Equal("c0", "c1", "c2");

        var paper = ledger.History("Table01_OnDevicePriors", "paper", "cifar10/pruning", "rfr_fgsm").Points.Single();
        paper.N.Should().Be(5);
        paper.Mean.Should().BeApproximately(0.9, 1e-12);
        paper.Std.Should().BeApproximately(0.0158113883, 1e-9);
    }

    [Test]
    public void LatestResults_NewestPerExperimentAndProfile()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long run = ledger.StartRun(Info());
        ledger.RecordResult(run, FakeResults.Table01("mini", 0.1), FakeResults.Start);
        ledger.RecordResult(run, FakeResults.Table01("mini", 0.2), FakeResults.Start);
        ledger.RecordResult(run, FakeResults.Table01("smoke", 0.3), FakeResults.Start);

        var latest = ledger.LatestResults();
        latest.Select(r => (r.Result.Profile, r.Result.Row("cifar10/quantization").Metrics["rfr_fgsm"].Mean))
            .Should().BeEquivalentTo(new[] { ("mini", 0.2), ("smoke", 0.3) });
    }

    private static Measurement M(string row, string metric, double value) =>
        new("Table01_OnDevicePriors", "mini", row, metric, 0, value, "recipe/abc", FakeResults.Start);
}
