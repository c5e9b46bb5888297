using Repro.Reporting;
using Repro.Reporting.Snapshots;
using Repro.Storage;

namespace Repro.Unit.Reporting.Snapshots;

public class SnapshotVerifierTests
{
    [Test]
    public void Check_NoVerifiedFile_WritesReceivedAndSaysHowToAccept()
    {
        using var temp = new TempFolder();
        var check = new SnapshotVerifier(temp.Path).Check(FakeResults.Table01());

        check.Passed.Should().BeFalse();
        string received = Path.Combine(temp.Path, "mini", "Table01_OnDevicePriors.received.json");
        check.ReceivedPath.Should().Be(received);
        File.Exists(received).Should().BeTrue();
        check.Message.Should().Be(
            $"Table01_OnDevicePriors (Table I), profile 'mini': no verified snapshot yet: review {received} " +
            "and accept it with `repro accept Table01_OnDevicePriors --profile mini`.");
        var act = check.ThrowIfFailed;
        act.Should().Throw<SnapshotMismatchException>().WithMessage("*no verified snapshot yet*");
    }

    [Test]
    public void Accept_ThenCheckAgain_Passes()
    {
        using var temp = new TempFolder();
        var verifier = new SnapshotVerifier(temp.Path);
        verifier.Check(FakeResults.Table01());

        string verified = new SnapshotAcceptance(temp.Path).Accept("Table01_OnDevicePriors", "mini");

        verified.Should().Be(Path.Combine(temp.Path, "mini", "Table01_OnDevicePriors.verified.json"));
        File.Exists(Path.Combine(temp.Path, "mini", "Table01_OnDevicePriors.received.json")).Should().BeFalse();
        verifier.Check(FakeResults.Table01()).Passed.Should().BeTrue();
    }

    [Test]
    public void Check_Mismatch_WritesReceivedWithReviewersTolerancesAndFailsWithDiff()
    {
        using var temp = new TempFolder();
        var files = new SnapshotFiles(temp.Path);
        var reviewed = VerifiedSnapshot.FromResult(FakeResults.Table01(quantizedRfr: 0.97));
        reviewed = reviewed with { Tolerances = new Dictionary<string, string>(reviewed.Tolerances) { ["rfr_fgsm"] = "0.1" } };
        AtomicFile.WriteAllText(files.VerifiedPath("Table01_OnDevicePriors", "mini"), reviewed.ToJson());

        var check = new SnapshotVerifier(temp.Path).Check(FakeResults.Table01(quantizedRfr: 0.5));

        check.Passed.Should().BeFalse();
        check.Message.Should().Contain("row 'cifar10/quantization' (Quantization), rfr_fgsm: expected 0.97 ± 0.1")
            .And.Contain("measured 0.5").And.Contain("repro accept Table01_OnDevicePriors --profile mini");
        VerifiedSnapshot.Load(check.ReceivedPath!).Tolerances["rfr_fgsm"].Should().Be("0.1", "a reviewer's tolerance survives re-acceptance");
    }

    [Test]
    public void Check_Match_RemovesAStaleReceivedFile()
    {
        using var temp = new TempFolder();
        var verifier = new SnapshotVerifier(temp.Path);
        verifier.Check(FakeResults.Table01());
        new SnapshotAcceptance(temp.Path).Accept("Table01_OnDevicePriors", "mini");
        verifier.Check(FakeResults.Table01(quantizedRfr: 0.1)).Passed.Should().BeFalse();

        var check = verifier.Check(FakeResults.Table01());

        check.Passed.Should().BeTrue();
        File.Exists(Path.Combine(temp.Path, "mini", "Table01_OnDevicePriors.received.json")).Should().BeFalse();
    }

    [Test]
    public void Check_MatchAfterASpreadWasMeasured_PassesAndOffersTheSpreadsBandsForAcceptance()
    {
        using var temp = new TempFolder();
        var verifier = new SnapshotVerifier(temp.Path);
        verifier.Check(FakeResults.Table01());
        new SnapshotAcceptance(temp.Path).Accept("Table01_OnDevicePriors", "mini");
        var fiveSeeds = FakeResults.Result("Table01_OnDevicePriors", "mini", new[]
        {
            FakeResults.Row("cifar10/a-new", "Baseline (a new)", ("rfr_fgsm", FakeResults.V(0.41, 0.35, 0.47, 0.40, 0.43))),
        }, provenance: FakeResults.Provenance(new[] { 0, 1, 2, 3, 4 }));
        var spread = SeedSpread.Empty("mini", new[] { 0, 1, 2, 3, 4 })
            .With(new SpreadRun("repro spread", "0123abcd", false, FakeResults.Start, 60, "cpu-avx2-t1", new[] { "Table01_OnDevicePriors" }), new[] { fiveSeeds });
        AtomicFile.WriteAllText(Path.Combine(temp.Path, "mini", SeedSpread.FileName), spread.ToJson());

        var check = verifier.Check(FakeResults.Table01());

        check.Passed.Should().BeTrue("the values still match; only the bands are new");
        check.Message.Should().Contain("gives this snapshot new bands");
        var received = VerifiedSnapshot.Load(check.ReceivedPath!);
        received.Row("cifar10/a-new")!.Metrics["rfr_fgsm"].Band.Should().BeApproximately(3 * 0.0438178, 1e-4, "3σ of the five seeds");
        received.Row("cifar10/as-is")!.Metrics["rfr_fgsm"].Band.Should().BeNull("the spread has no such cell");
        new SnapshotAcceptance(temp.Path).Accept("Table01_OnDevicePriors", "mini");
        verifier.Check(FakeResults.Table01()).ReceivedPath.Should().BeNull("the verified file now has the spread's bands");
    }

    [Test]
    public void Accept_NoReceivedFile_ThrowsSayingThereIsNothingToAccept()
    {
        using var temp = new TempFolder();
        var act = () => new SnapshotAcceptance(temp.Path).Accept("Table01_OnDevicePriors", "mini");
        act.Should().Throw<FileNotFoundException>().WithMessage("nothing to accept for Table01_OnDevicePriors at profile 'mini'*");
    }

    [Test]
    public void Accept_ReceivedOfAnotherExperiment_Refuses()
    {
        using var temp = new TempFolder();
        var files = new SnapshotFiles(temp.Path);
        AtomicFile.WriteAllText(files.ReceivedPath("Table03_UnpairingSingleObjective", "mini"), VerifiedSnapshot.FromResult(FakeResults.Table01()).ToJson());
        var act = () => new SnapshotAcceptance(temp.Path).Accept("Table03_UnpairingSingleObjective", "mini");
        act.Should().Throw<InvalidDataException>().WithMessage("*refusing*");
    }

    [Test]
    public void VerifiedFile_IsLfFullPrecisionAndCarriesTolerances()
    {
        using var temp = new TempFolder();
        var result = FakeResults.Result("Table01_OnDevicePriors", "mini", new[] { FakeResults.Row("cifar10/as-is", "A", ("rfr_fgsm", FakeResults.V(1.0 / 3))) });
        new SnapshotVerifier(temp.Path).Check(result);
        string text = File.ReadAllText(new SnapshotAcceptance(temp.Path).Accept("Table01_OnDevicePriors", "mini"));

        text.Should().NotContain("\r").And.Contain("0.3333333333333333").And.Contain("\"tolerances\": {\n    \"rfr_fgsm\": \"0.05\"");
        VerifiedSnapshot.Parse(text, "x").Row("cifar10/as-is")!.Metrics["rfr_fgsm"].Mean.Should().Be(1.0 / 3);
    }

    [Test]
    public void Parse_BadToleranceInFile_ThrowsNamingTheField()
    {
        string json = VerifiedSnapshot.FromResult(FakeResults.Table01()).ToJson().Replace("\"25%\"", "\"a quarter\"");
        var act = () => VerifiedSnapshot.Parse(json, "mini/Table01_OnDevicePriors.verified.json");
        act.Should().Throw<BaselineFormatException>().Where(e => e.Column == "tolerances.queries").WithMessage("mini/Table01_OnDevicePriors.verified.json*");
    }

    [TestCase("../escape")]
    [TestCase("a/b")]
    [TestCase("..")]
    public void SnapshotFiles_NameThatIsAPath_Throws(string profile)
    {
        var act = () => new SnapshotFiles("/tmp/x").VerifiedPath("Table01_OnDevicePriors", profile);
        act.Should().Throw<ArgumentException>().WithMessage("*profile name*");
    }
}
