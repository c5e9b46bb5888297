using Repro.Reporting;
using Repro.Harness;
using Repro.Claims;
using Repro.Paper;
using Repro.Metrics;

namespace Repro.Unit.Claims;

public class ClaimExpectationsTests
{
    DirectoryInfo root = null!;
    [SetUp] public void Create() => root = Directory.CreateTempSubdirectory("claims-");
    [TearDown] public void Delete() => root.Delete(recursive: true);

    void Write(string json)
    {
        Directory.CreateDirectory(Path.Combine(root.FullName, "mini"));
        File.WriteAllText(Path.Combine(root.FullName, "mini", "claims.json"), json);
    }

    [Test]
    public void For_NoFile_ExpectsEveryClaimToHold()
    {
        ClaimExpectations.For(root.FullName, "mini", RunInputs.ClaimsOf(ExperimentCatalog.All)).Expected(nameof(Table01_OnDevicePriors), "AsIs_TransfersPerfectly").Should().BeNull();
    }

    [Test]
    public void For_PlainReason_DocumentsAFailure()
    {
        Write("""{ "Table01_OnDevicePriors": { "Pruning_TransfersAlmostPerfectly": "borderline at this scale" } }""");
        ClaimExpectations.For(root.FullName, "mini", RunInputs.ClaimsOf(ExperimentCatalog.All)).Expected("Table01_OnDevicePriors", "Pruning_TransfersAlmostPerfectly")
            .Should().Be(new ClaimExpectations.Documented(ClaimOutcome.Fails, "borderline at this scale"));
    }

    [Test]
    public void For_VerdictAndReason_PinsThatVerdict()
    {
        Write("""{ "Table01_OnDevicePriors": { "Pruning_TransfersAlmostPerfectly": { "verdict": "inconclusive", "reason": "0.9 lies inside the band" } } }""");
        ClaimExpectations.For(root.FullName, "mini", RunInputs.ClaimsOf(ExperimentCatalog.All)).Expected("Table01_OnDevicePriors", "Pruning_TransfersAlmostPerfectly")
            .Should().Be(new ClaimExpectations.Documented(ClaimOutcome.Inconclusive, "0.9 lies inside the band"));
    }

    [Test]
    public void Documented_FiveSeedFileFirst_ThenTheProfilesClaimsJsonForClaimsItDoesNotName()
    {
        Write("""{ "Table01_OnDevicePriors": { "Pruning_TransfersAlmostPerfectly": { "verdict": "inconclusive", "reason": "seed 0: inside the band" }, "AsIs_TransfersPerfectly": "seed 0 cause" } }""");
        File.WriteAllText(Path.Combine(root.FullName, "mini", "claims-5seeds.json"),
            """{ "Table01_OnDevicePriors": { "Pruning_TransfersAlmostPerfectly": { "verdict": "fails", "reason": "five seeds: below the bar" } } }""");
        var spread = Repro.Reporting.Snapshots.SeedSpread.Empty("mini", new[] { 0, 1, 2, 3, 4 });

        var documented = AcceptedSeedResults.Documented(root.FullName, spread, ExperimentCatalog.All);

        documented.Expected("Table01_OnDevicePriors", "Pruning_TransfersAlmostPerfectly").Should().Be(new ClaimExpectations.Documented(ClaimOutcome.Fails, "five seeds: below the bar"));
        documented.Expected("Table01_OnDevicePriors", "AsIs_TransfersPerfectly").Should().Be(new ClaimExpectations.Documented(ClaimOutcome.Fails, "seed 0 cause"));
    }

    [Test]
    public void Annotate_ADocumentedClaim_CarriesItsCauseBesideTheMeasuredExplanation()
    {
        Write("""{ "Table01_OnDevicePriors": { "Pruning_TransfersAlmostPerfectly": { "verdict": "inconclusive", "reason": "0.9 lies inside the band" } } }""");
        var verdict = ClaimVerdict.Judge("Table01_OnDevicePriors", "c", "s", "0.9", MetricValue.FromSeeds(new[] { 0.85 }), ClaimOutcome.Inconclusive, "measured 0.85");

        var annotated = ClaimExpectations.For(root.FullName, "mini", RunInputs.ClaimsOf(ExperimentCatalog.All))
            .Annotate(verdict, "Table01_OnDevicePriors", "Pruning_TransfersAlmostPerfectly", "mini");

        annotated.IsDocumentedFailure.Should().BeTrue();
        annotated.Explanation.Should().Be("measured 0.85 Documented as inconclusive at the 'mini' scale: 0.9 lies inside the band");
    }

    [Test]
    public void For_UnknownVerdict_ThrowsSayingWhatIsAllowed()
    {
        Write("""{ "Table01_OnDevicePriors": { "Pruning_TransfersAlmostPerfectly": { "verdict": "holds", "reason": "x" } } }""");
        var act = () => ClaimExpectations.For(root.FullName, "mini", RunInputs.ClaimsOf(ExperimentCatalog.All));
        act.Should().Throw<BaselineFormatException>().WithMessage("*Pruning_TransfersAlmostPerfectly*\"fails\" or \"inconclusive\"*'holds'*");
    }

    [Test]
    public void For_UnknownClaim_ThrowsListingTheKnownOnes()
    {
        Write("""{ "Table01_OnDevicePriors": { "NoSuchClaim": "x" } }""");
        var act = () => ClaimExpectations.For(root.FullName, "mini", RunInputs.ClaimsOf(ExperimentCatalog.All));
        act.Should().Throw<BaselineFormatException>().WithMessage("*NoSuchClaim*AsIs_TransfersPerfectly*");
    }

    [Test]
    public void For_EmptyReason_Throws()
    {
        Write("""{ "Table01_OnDevicePriors": { "AsIs_TransfersPerfectly": " " } }""");
        var act = () => ClaimExpectations.For(root.FullName, "mini", RunInputs.ClaimsOf(ExperimentCatalog.All));
        act.Should().Throw<BaselineFormatException>().WithMessage("*needs a reason*");
    }

    [Test]
    public void For_MalformedJson_ThrowsNamingTheFileAndTheExpectedShape()
    {
        Write("{ not json");
        var act = () => ClaimExpectations.For(root.FullName, "mini", RunInputs.ClaimsOf(ExperimentCatalog.All));
        act.Should().Throw<BaselineFormatException>().WithMessage("*claims.json*expected*");
    }
}
