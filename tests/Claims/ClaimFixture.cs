using Repro.Profiles;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Paper;
using Repro.Claims;

namespace Repro.ClaimTests;

/// <summary>
/// Base of every claims fixture: one paper table at one profile. Gets the measured table once
/// (paper-scale profiles are skipped with a reason where CUDA is absent) and offers the assertions
/// claim tests are made of: a claim holds, the table matches its verified snapshot, every row is
/// measured or says why not.
/// </summary>
public abstract class ClaimFixture<TExperiment>(string profileName) where TExperiment : IExperiment, new()
{
    protected TExperiment Experiment { get; } = new();
    protected Profile Profile { get; } = ProfileCatalog.Get(profileName);
    protected ExperimentResult Result { get; private set; } = null!;

    [OneTimeSetUp]
    public void Measure()
    {
        if (Profile.RequiresGpu && !RunEnvironment.Detect().CudaAvailable)
            Assert.Ignore($"profile '{Profile.Name}' runs at the paper's scale and needs CUDA (build with -p:TorchBackend=cuda on a GPU runner); this machine has none.");
        Result = ClaimsSession.Result(Profile.Name, Experiment);
    }

    /// <summary>Asserts a claim of the paper on the measured table; the failure message quotes the paper and gives paper vs measured.</summary>
    protected void Holds(Claim claim)
    {
        if (claim.NotApplicable(Profile) is { } notApplicable) Assert.Ignore(notApplicable);
        var verdict = Result.Claims.FirstOrDefault(v => v.Claim == claim.Statement) ?? claim.Evaluate(Result);
        var expectation = ClaimExpectations.For(RepositoryPaths.Discover(AppContext.BaseDirectory).Baselines, Profile.Name).Expected(Experiment.Name, claim.Id);
        if (expectation is { } documented)
        {
            // Documented as failing or inconclusive at this scale: the test pins that verdict, so a change either way is noticed.
            verdict.Outcome.Should().Be(documented.Verdict,
                $"baselines/{Profile.Name}/claims.json documents '{claim.Id}' as {documented.Verdict} at this scale ({documented.Reason}); it is now {verdict.Outcome}: update the expectation. {verdict.Describe()}");
            return;
        }
        if (verdict.Outcome != ClaimOutcome.Holds) Assert.Fail(verdict.Describe());
    }

    /// <summary>The whole table against baselines/&lt;profile&gt;/&lt;Experiment&gt;.verified.json, cell by cell within tolerance.</summary>
    protected void MatchesVerifiedSnapshot()
    {
        var check = ClaimsSession.RunFor(Profile.Name).CheckSnapshot(Result);
        if (check.Passed) return;
        // A table never accepted at this profile (the mini-full grids until someone runs them) is not yet measured, not a failure.
        if (check.Comparison is null)
            Assert.Inconclusive($"{Experiment.Name} has not yet been measured and accepted at the '{Profile.Name}' profile. To measure it: " +
                $"`repro reproduce --profile {Profile.Name} --experiment {Experiment.Name}`, review {check.ReceivedPath}, then " +
                $"`{Reporting.Snapshots.SnapshotFiles.AcceptCommand(Experiment.Name, Profile.Name)}`.");
        Assert.Fail(check.Message);
    }
}
