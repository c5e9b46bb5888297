using Repro.Harness.Planning;

namespace Repro.Unit.Harness.Planning;

public class JobPlanTests
{
    DirectoryInfo root = null!;
    [SetUp] public void Create() => root = Directory.CreateTempSubdirectory("jobplan-");
    [TearDown] public void Delete() => root.Delete(recursive: true);

    [Test]
    public void From_Graph_NumbersJobsByLevel_EndsWithAnAssemblingJobThatNeedsThemAll()
    {
        var plan = PlanFixtures.Plan(3, 2, 1);

        plan.Jobs.Select(j => j.Id).Should().Equal(1, 2, 3, 4, 5, 6, 7);
        plan.Jobs.Select(j => j.Level).Should().Equal(1, 1, 1, 2, 2, 3, 4);
        plan.Jobs[3].Needs.Should().Equal(1);
        plan.Jobs[5].Needs.Should().Equal(4);
        plan.Assemble.Kind.Should().Be(PlanJob.AssembleKind);
        plan.Assemble.Needs.Should().Equal(1, 2, 3, 4, 5, 6);
        plan.Jobs.Take(6).Should().OnlyContain(j => j.Hours == 1, "3600 training images at one second each");
    }

    [Test]
    public void WriteLoad_RoundTripsEveryJob()
    {
        var plan = PlanFixtures.Plan(2, 2);
        string path = Path.Combine(root.FullName, "plan.json");

        plan.Write(path);
        var loaded = JobPlan.Load(path);

        loaded.Should().BeEquivalentTo(plan, o => o.ComparingRecordsByMembers());
        File.ReadAllText(path).Should().Contain("\"needs\"").And.Contain("\"experiments\"").And.NotContain("\"assembles\"");
    }

    [Test]
    public void Load_AJobNeedingALaterOne_IsRefusedNamingTheFileAndTheJob()
    {
        var plan = PlanFixtures.Plan(2, 2);
        var broken = plan with { Jobs = plan.Jobs.Select(j => j.Id == 1 ? j with { Needs = new[] { 3 } } : j).ToList() };
        string path = Path.Combine(root.FullName, "plan.json");
        broken.Write(path);

        var act = () => JobPlan.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"plan '{path}', job 1: it needs jobs that do not come before it*");
    }

    [Test]
    public void Load_AnotherFormat_IsRefusedSayingToExportAgain()
    {
        string path = Path.Combine(root.FullName, "plan.json");
        (PlanFixtures.Plan(1) with { Format = 99 }).Write(path);

        var act = () => JobPlan.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*format 99*export the plan again*");
    }

    [Test]
    public void Job_OutsideThePlan_SaysWhichJobsThereAre()
    {
        var act = () => PlanFixtures.Plan(2).Job(9, "plan.json");

        act.Should().Throw<ArgumentException>().WithMessage("--job 9: 'plan.json' has jobs 1 to 3 (job 3 assembles the results)");
    }
}
