using Microsoft.Data.Sqlite;
using Repro.Reporting.Ledger;

namespace Repro.Unit.Reporting.Ledger;

public partial class RunLedgerTests
{
    [Test]
    public void RecordFailure_Failures_RoundTripsEveryFieldBesideTheRunsResults()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long run = ledger.StartRun(Info("smoke"));
        ledger.RecordResult(run, FakeResults.Table01("smoke"), FakeResults.Start.AddMinutes(1));

        long id = ledger.RecordFailure(run, "Figure2_SimilarityVsVulnerability", "smoke", "similarity_logits is NaN <b>", FakeResults.Start.AddMinutes(2));

        var failure = ledger.Failures().Single();
        failure.Should().Be(new LedgerFailure(id, run, "Figure2_SimilarityVsVulnerability", "smoke", "similarity_logits is NaN <b>", FakeResults.Start.AddMinutes(2)));
        ledger.Failures(run).Should().ContainSingle();
        ledger.Failures(run + 1).Should().BeEmpty();
        ledger.LatestResult("Table01_OnDevicePriors", "smoke").Should().NotBeNull("a failure of one experiment keeps the others' results");
        ledger.Counts().Failures.Should().Be(1);
    }

    [Test]
    public void LatestFailures_NewestPerExperimentAndProfile()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        long first = ledger.StartRun(Info("smoke")), second = ledger.StartRun(Info("smoke"));
        ledger.RecordFailure(first, "Table03", "smoke", "old", FakeResults.Start);
        ledger.RecordFailure(second, "Table03", "smoke", "new", FakeResults.Start.AddMinutes(1));
        ledger.RecordFailure(second, "Table03", "mini", "mini", FakeResults.Start.AddMinutes(1));

        ledger.LatestFailures().Select(f => (f.Profile, f.Error)).Should().Equal(("mini", "mini"), ("smoke", "new"));
    }

    [Test]
    public void RecordFailure_UnknownRun_ThrowsAndRecordsNothing()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));

        var act = () => ledger.RecordFailure(7, "Table03", "smoke", "boom", FakeResults.Start);

        act.Should().Throw<KeyNotFoundException>().WithMessage("*no run 7*");
        ledger.Failures().Should().BeEmpty();
    }

    [Test]
    public void UpdateOrDelete_RunFailures_IsRefusedByTheDatabase()
    {
        using var temp = new TempFolder();
        string path = temp.File("ledger.db");
        var ledger = new RunLedger(path);
        ledger.RecordFailure(ledger.StartRun(Info()), "Table03", "mini", "boom", FakeResults.Start);

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        foreach (var sql in new[] { "UPDATE run_failures SET error = ''", "DELETE FROM run_failures" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var act = () => command.ExecuteNonQuery();
            act.Should().Throw<SqliteException>().WithMessage("*append-only*", sql);
        }
    }
}
