using Repro.Claims;
using Repro.Harness;
using Repro.Paper;
using Repro.Profiles;
using Repro.Reporting;
using Repro.Reporting.Snapshots;

namespace Repro.ClaimTests;

/// <summary>
/// Every claim of every experiment (ExperimentCatalog: each table describes its own claims), judged at the three
/// claim-checking scales, plus each table against its verified snapshot: one generic set of test cases whose names
/// keep the claim ids ("Table01_OnDevicePriors.Quantization_TransfersAlmostPerfectly(mini)"). A new table needs no
/// test code. Categories: Cpu (mini, in the default run), CpuFull (mini-full, explicit: hours), Gpu (paper, skipped
/// with its reason where CUDA is absent). Each table is measured once per profile (ClaimsSession) from the artifact
/// cache and recorded in the ledger like a `repro reproduce` run.
/// </summary>
public sealed class PaperClaims
{
    /// <summary>A profile claims are checked at, and how a test run selects it.</summary>
    public sealed record Scale(string Profile, string Category, string? ExplicitReason = null);

    public static IReadOnlyList<Scale> Scales { get; } = new Scale[]
    {
        new("mini", "Cpu"),
        new("mini-full", "CpuFull", "mini-full runs the paper's whole unpairing grids on the CPU (hours on 2 cores); run it with `dotnet test tests/Claims --filter Category=CpuFull`"),
        new("paper", "Gpu"),
    };

    public static IEnumerable<TestCaseData> ClaimCases() =>
        from scale in Scales
        from experiment in ExperimentCatalog.All
        from claim in experiment.Claims
        select Case(new TestCaseData(experiment.Name, scale.Profile, claim.Id), scale, $"{experiment.Name}.{claim.Id}({scale.Profile})");

    public static IEnumerable<TestCaseData> SnapshotCases() =>
        from scale in Scales
        from experiment in ExperimentCatalog.All
        select Case(new TestCaseData(experiment.Name, scale.Profile), scale, $"{experiment.Name}.Table_MatchesVerifiedSnapshot({scale.Profile})");

    static TestCaseData Case(TestCaseData data, Scale scale, string name)
    {
        data.SetName(name).SetCategory(scale.Category);
        return scale.ExplicitReason is { } reason ? data.Explicit(reason) : data;
    }

    /// <summary>A claim of the paper on the measured table; the failure message quotes the paper and gives paper vs measured.</summary>
    [TestCaseSource(nameof(ClaimCases))]
    public void Claim_Holds(string experimentName, string profileName, string claimId)
    {
        var (experiment, profile, result) = Measure(experimentName, profileName);
        var claim = experiment.Claims.Single(c => c.Id == claimId);
        if (claim.NotApplicable(profile) is { } notApplicable) Assert.Ignore(notApplicable);
        var verdict = result.Claims.FirstOrDefault(v => v.Claim == claim.Statement) ?? claim.Evaluate(result);
        var baselines = RepositoryPaths.Discover(AppContext.BaseDirectory).Baselines;
        if (ClaimExpectations.For(baselines, profile.Name, RunInputs.ClaimsOf(ExperimentCatalog.All)).Expected(experiment.Name, claim.Id) is { } documented)
        {
            // Documented as failing or inconclusive at this scale: the test pins that verdict, so a change either way is noticed.
            verdict.Outcome.Should().Be(documented.Verdict,
                $"baselines/{profile.Name}/claims.json documents '{claim.Id}' as {documented.Verdict} at this scale ({documented.Reason}); " +
                $"it is now {verdict.Outcome}: update the expectation. {verdict.Describe()}");
            return;
        }
        // A claim resting on rows this profile does not run (the paper's whole grids) is not measured here, and says which.
        if (verdict.Outcome == ClaimOutcome.NotMeasured) Assert.Ignore(verdict.Explanation);
        if (verdict.Outcome != ClaimOutcome.Holds) Assert.Fail(verdict.Describe());
    }

    /// <summary>The whole table against baselines/&lt;profile&gt;/&lt;Experiment&gt;.verified.json, each cell within its band.</summary>
    [TestCaseSource(nameof(SnapshotCases))]
    public void Table_MatchesVerifiedSnapshot(string experimentName, string profileName)
    {
        var (experiment, profile, result) = Measure(experimentName, profileName);
        var check = ClaimsSession.RunFor(profile.Name).CheckSnapshot(result);
        if (check.Passed) return;
        // A table never accepted at this profile (the mini-full grids until someone runs them) is not yet measured, not a failure.
        if (check.Comparison is null)
            Assert.Inconclusive($"{experiment.Name} has not yet been measured and accepted at the '{profile.Name}' profile. To measure it: " +
                $"`repro reproduce --profile {profile.Name} --experiment {experiment.Name}`, review {check.ReceivedPath}, then " +
                $"`{SnapshotFiles.AcceptCommand(experiment.Name, profile.Name)}`.");
        Assert.Fail(check.Message);
    }

    static (IExperiment Experiment, Profile Profile, ExperimentResult Result) Measure(string experimentName, string profileName)
    {
        var profile = ProfileCatalog.Get(profileName);
        if (profile.RequiresGpu && !RunEnvironment.Detect().CudaAvailable)
            Assert.Ignore($"profile '{profile.Name}' runs at the paper's scale and needs CUDA (build with -p:TorchBackend=cuda on a GPU runner); this machine has none.");
        var experiment = ExperimentCatalog.Get(experimentName);
        return (experiment, profile, ClaimsSession.Result(profile.Name, experiment));
    }
}
