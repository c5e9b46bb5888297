using Repro.Profiles;

namespace Repro.Unit.Profiles;

public class ProfileTests
{
    static IEnumerable<string> SmallProfiles() => ProfileCatalog.All.Where(p => p.Name != "paper").Select(p => p.Name);

    [TestCaseSource(nameof(SmallProfiles))]
    public void EverySettingThatDiffersFromThePaper_IsListedAsADeviation(string name)
    {
        var profile = ProfileCatalog.Get(name);
        var differences = ProfileSettings.Differences(PaperProfile.Create(), profile).Select(d => d.Setting).ToList();
        var listed = profile.Deviations.Select(d => d.Setting).ToList();

        var unlisted = differences.Where(setting => !listed.Any(l => setting == l || setting.StartsWith(l + ".", StringComparison.Ordinal))).ToList();
        unlisted.Should().BeEmpty($"profile '{profile.Name}' must explain every departure from the paper");
    }

    [TestCaseSource(nameof(SmallProfiles))]
    public void EveryDeviation_NamesARealChangedSettingAndGivesAReason(string name)
    {
        var profile = ProfileCatalog.Get(name);
        var differences = ProfileSettings.Differences(PaperProfile.Create(), profile).Select(d => d.Setting).ToList();
        foreach (var deviation in profile.Deviations)
        {
            deviation.Reason.Should().NotBeNullOrWhiteSpace($"{profile.Name}: {deviation.Setting}");
            differences.Should().Contain(d => d == deviation.Setting || d.StartsWith(deviation.Setting + ".", StringComparison.Ordinal),
                $"{profile.Name} lists '{deviation.Setting}' as a deviation, but it equals the paper's value");
        }
    }

    [Test]
    public void Paper_DeviatesFromNothingAndHasThePapersValues()
    {
        var paper = PaperProfile.Create();
        paper.Deviations.Should().BeEmpty();
        paper.Seeds.Should().HaveCount(5);
        paper.Data.AttackSamples.Should().Be(1000);
        paper.Query.QueryBudget.Should().Be(4000);
        paper.Transfer.Epsilon.Should().BeApproximately(8.0 / 255, 1e-12);
        paper.Transfer.StepSize.Should().BeApproximately(2.0 / 255, 1e-12);
        paper.Transfer.PgdSteps.Should().Be(10);
        paper.Training.Epochs.Should().Be(200);
        paper.Mechanisms.DistillationTemperature.Should().Be(20);
        paper.Mechanisms.PruningStep.Should().Be(0.05);
        paper.Mechanisms.PruningMaxDrop.Should().Be(4);
        paper.Models.Server.DisplayName.Should().Be("ResNet50");
    }

    [Test]
    public void Settings_FlattenNestedRecordsToPaths()
    {
        var settings = PaperProfile.Create().Settings().ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["Query.QueryBudget"].Should().Be("4000");
        settings["Models.Server"].Should().Be("ResNet(bottleneck;3-4-6-3;w64;stem1)");
        settings["Seeds"].Should().Be("[0, 1, 2, 3, 4]");
        settings.Keys.Should().NotContain(k => k.Contains("EqualityContract"));
    }

    [Test]
    public void Get_UnknownName_SuggestsTheClosest()
    {
        var act = () => ProfileCatalog.Get("mnii");
        act.Should().Throw<ArgumentException>().WithMessage("*'mnii'*did you mean 'mini'*");
    }

    [Test]
    public void Choices_CoverEveryAmbiguityOfPaperNotes()
    {
        var settings = ProtocolChoices.All.Select(c => c.Setting).ToList();
        settings.Should().Contain(new[] { "Transfer.FgsmStepSize", "Transfer.PgdRandomStart", "Query.SamplesPerDraw", "Mechanisms.PruningScope", "Mechanisms.PruningDropUnit", "Metric.Queries" });
        ProtocolChoices.All.Should().OnlyContain(c => c.Reason.Length > 20 && c.Alternatives.Length > 0);
    }
}
