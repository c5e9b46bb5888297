using Repro.Profiles;
using Repro.Reporting;

namespace Repro.Unit.Reporting;

public class ScaleStudyTests
{
    static ScaleStudy.Point Point(double defended, double noPrior, double error) =>
        new(ScaleStudyProfiles.Scales[0], "c", 62, 56, defended, 98, noPrior, 800, 1000, error, error);

    [TestCase(63.1, 50.8, 6.1, true, TestName = "Relation_DefendedAboveNoPriorWithinTwoErrorsOfTheDifference_Holds")]
    [TestCase(80, 50, 6, false, TestName = "Relation_DefendedFarAboveNoPrior_Fails")]
    [TestCase(15, 50, 4, true, TestName = "Relation_DefendedBelowNoPrior_Holds")]
    public void DefendedNoBetterThanNoPrior(double defended, double noPrior, double error, bool holds) =>
        Point(defended, noPrior, error).DefendedNoBetterThanNoPrior.Should().Be(holds);

    [Test]
    public void Load_TheCommittedScaleSnapshots_ReadsEveryAcceptedScaleWithItsBaselineAndCost()
    {
        var study = ScaleStudy.Load(Path.Combine(RepositoryPaths.Root, "baselines"));

        study.Points.Should().NotBeEmpty("baselines/scale-1 is committed");
        study.Points.Select(p => p.Scale.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
        foreach (var p in study.Points)
        {
            p.ServerAccuracy.Should().BeInRange(10, 100);
            p.NoPriorFoolingRate.Should().BeInRange(0, 100);
            p.DefendedFoolingRate.Should().BeInRange(0, 100);
            p.FoolingRateError.Should().BeInRange(0.1, 10, "a binomial error over tens of samples");
        }
        study.Points[0].RelativeCost.Should().Be(1);
    }

    [Test]
    public void Load_ASnapshotWithoutTheNoPriorRow_NamesTheFileAndTheRowsExpected()
    {
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("scale-1")).FullName;
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "baselines", "scale-1", "Table03_UnpairingSingleObjective.verified.json"));
        File.WriteAllText(Path.Combine(folder, "Table03_UnpairingSingleObjective.verified.json"), text.Replace("reference/no-prior", "reference/gone"));

        var act = () => ScaleStudy.Load(temp.Path);

        act.Should().Throw<InvalidDataException>().WithMessage("*Table03_UnpairingSingleObjective.verified.json*'reference/no-prior'*");
    }

    [Test]
    public void Report_WithAScaleStudy_ShowsItsTableChartAndThePapersValue()
    {
        var model = ReportModel.FromResults(Array.Empty<ExperimentResult>(), ReportFixtures.Baselines, FakeResults.Start, "test")
            with { ScaleStudy = new ScaleStudy(new[] { Point(63.1, 50.8, 6.1) }) };

        var html = HtmlReport.Render(model);

        html.Should().Contain("<section id=\"scale-study\">").And.Contain("63.1 ± 6.1").And.Contain("paper, ResNet50: 15%").And.Contain("svg class=\"chart line-chart\"");
    }
}
