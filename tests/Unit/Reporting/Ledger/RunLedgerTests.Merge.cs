using Repro.Reporting.Ledger;

namespace Repro.Unit.Reporting.Ledger;

/// <summary>Merging ledgers that plan jobs wrote on many machines: every row once, ids remapped, merging again adds nothing.</summary>
public partial class RunLedgerTests
{
    /// <summary>A ledger with a finished run that recorded a result and was accepted, and a run that failed.</summary>
    static RunLedger Job(TempFolder temp, string name, DateTimeOffset at)
    {
        var ledger = new RunLedger(temp.File(name));
        long run = ledger.StartRun(Info(at: at) with { CommandLine = $"repro plan run --job {name}" });
        long result = ledger.RecordResult(run, FakeResults.FiveSeeds(), at.AddMinutes(1));
        ledger.Accept(result, at.AddMinutes(2), "looked at it");
        ledger.FinishRun(run, at.AddMinutes(3), 0);
        long failed = ledger.StartRun(Info(at: at.AddMinutes(4)));
        ledger.RecordFailure(failed, "Table03_UnpairingSingleObjective", "mini", "no space left", at.AddMinutes(5));
        ledger.FinishRun(failed, at.AddMinutes(6), 6);
        return ledger;
    }

    [Test]
    public void Merge_TwoJobLedgers_AddsEveryRowOfEachWithItsReferencesRemapped()
    {
        using var temp = new TempFolder();
        var a = Job(temp, "a.db", FakeResults.Start);
        var b = Job(temp, "b.db", FakeResults.Start.AddHours(1));
        var merged = new RunLedger(temp.File("merged.db"));

        var fromA = merged.Merge(a.DatabasePath);
        var fromB = merged.Merge(b.DatabasePath);

        fromA.Should().Be(a.Counts());
        fromB.Should().Be(b.Counts());
        merged.Counts().Should().Be(new LedgerCounts(4, 4, 20, 2, 2, 2));
        merged.Runs().Select(r => r.Info.CommandLine).Should().Contain(new[] { "repro plan run --job a.db", "repro plan run --job b.db" });
        merged.Runs().Select(r => r.ExitCode).Should().Equal(0, 6, 0, 6);
        merged.Failures().Select(f => merged.Run(f.RunId)!.ExitCode).Should().Equal(6, 6);
        merged.AcceptedResultIds().Should().HaveCount(1, "both accepted the same experiment and profile; the later acceptance stands");
        merged.LatestAccepted("Table01_OnDevicePriors", "paper")!.RunId.Should().Be(merged.Runs()[2].Id, "the acceptance points at b's result in the merged ids");
        merged.LatestResult("Table01_OnDevicePriors", "paper")!.Result.Should().BeEquivalentTo(FakeResults.FiveSeeds(), o => o.ComparingRecordsByMembers());
    }

    [Test]
    public void Merge_Twice_AddsNothingTheSecondTime()
    {
        using var temp = new TempFolder();
        var a = Job(temp, "a.db", FakeResults.Start);
        var merged = new RunLedger(temp.File("merged.db"));
        merged.Merge(a.DatabasePath);
        var before = merged.Counts();

        var again = merged.Merge(a.DatabasePath);

        again.Should().Be(new LedgerCounts(0, 0, 0, 0, 0, 0));
        merged.Counts().Should().Be(before);
    }

    [Test]
    public void Merge_RunMergedWhileGoing_GetsItsLaterRowsAndEndOnTheNextMerge()
    {
        using var temp = new TempFolder();
        var job = new RunLedger(temp.File("job.db"));
        long run = job.StartRun(Info());
        var merged = new RunLedger(temp.File("merged.db"));
        merged.Merge(job.DatabasePath);
        merged.Runs().Single().FinishedUtc.Should().BeNull();

        job.RecordResult(run, FakeResults.FiveSeeds(), FakeResults.Start.AddMinutes(1));
        job.FinishRun(run, FakeResults.Start.AddMinutes(2), 0);
        var added = merged.Merge(job.DatabasePath);

        added.Should().Be(new LedgerCounts(0, 1, 10, 1, 0, 0));
        merged.Runs().Single().ExitCode.Should().Be(0);
        merged.LatestResult("Table01_OnDevicePriors", "paper")!.RunId.Should().Be(merged.Runs().Single().Id);
    }

    [Test]
    public void Merge_IdenticalRowsInTheSource_KeepsEachOfThem()
    {
        using var temp = new TempFolder();
        var job = new RunLedger(temp.File("job.db"));
        long run = job.StartRun(Info());
        var same = new Measurement("Table01_OnDevicePriors", "mini", "cifar10/as-is", "rfr_pgd10", 0, 1.0, null, FakeResults.Start);
        job.RecordMeasurements(run, new[] { same, same, same });
        var merged = new RunLedger(temp.File("merged.db"));

        merged.Merge(job.DatabasePath);
        merged.Merge(job.DatabasePath);

        merged.Counts().Measurements.Should().Be(3, "a row is counted with its multiplicity: three equal rows stay three, and a second merge adds none");
    }

    [Test]
    public void Merge_ALedgerAlreadyMergedIntoAnother_IsNotDoubledWhenBothAreMerged()
    {
        using var temp = new TempFolder();
        var a = Job(temp, "a.db", FakeResults.Start);
        var b = Job(temp, "b.db", FakeResults.Start.AddHours(1));
        b.Merge(a.DatabasePath);
        var merged = new RunLedger(temp.File("merged.db"));

        merged.Merge(a.DatabasePath);
        merged.Merge(b.DatabasePath);

        merged.Counts().Should().Be(b.Counts());
    }

    [Test]
    public void Merge_IntoItself_IsRefused()
    {
        using var temp = new TempFolder();
        var a = Job(temp, "a.db", FakeResults.Start);

        var act = () => a.Merge(a.DatabasePath);

        act.Should().Throw<ArgumentException>().WithMessage("*into itself*");
    }
}
