using Repro.Harness;
using Repro.Harness.Planning;
using Repro.Paper;
using Repro.Profiles;
using Repro.Progress;

namespace Repro.Unit.Harness.Planning;

/// <summary>
/// A planning pass walks the experiments through without building a model or running an attack, and finds every artifact
/// they need with what each is made from; once it has stopped, the same context builds an artifact of the plan for real.
/// </summary>
public class ArtifactPlannerTests
{
    DirectoryInfo root = null!;
    [SetUp] public void Create() => root = Directory.CreateTempSubdirectory("planner-");
    [TearDown] public void Delete() => root.Delete(recursive: true);

    (RunContext Context, ArtifactGraph Graph) Plan(params IExperiment[] experiments)
    {
        var recorder = new PlanRecorder();
        var context = new RunContext(SmokeProfile.Create(), RunEnvironment.Detect(cacheOverride: root.FullName), SilentProgress.Instance, workers: 1, planning: recorder);
        return (context, ArtifactPlanner.Plan(context, recorder, experiments));
    }

    IReadOnlyList<string> CacheFiles() => Directory.EnumerateFiles(root.FullName, "*", SearchOption.AllDirectories).ToList();

    [Test]
    public void Plan_EveryExperiment_BuildsAndMeasuresNothing()
    {
        var (context, graph) = Plan(ExperimentCatalog.All.ToArray());
        using (context)
        {
            graph.Artifacts.Should().Contain(a => a.IsModel).And.Contain(a => a.Key.Kind == "query-eval").And.Contain(a => a.Key.Kind == "transfer-eval")
                .And.Contain(a => a.Key.Kind == "similarity-eval");
            CacheFiles().Should().BeEmpty("planning writes no model, no evaluation, no checkpoint");
        }
    }

    [Test]
    public void Plan_EveryArtifact_ComesAfterWhatItNeeds_AndAModelNeedsItsRecipesParents()
    {
        var (context, graph) = Plan(ExperimentCatalog.All.ToArray());
        using (context)
        {
            var seen = new HashSet<string>();
            foreach (var artifact in graph.Artifacts)
            {
                artifact.Needs.Where(n => !seen.Contains(n.ToString())).Should().BeEmpty($"{artifact.What} comes after what it needs");
                seen.Add(artifact.Key.ToString()).Should().BeTrue($"{artifact.Key} is listed once");
                if (artifact.IsModel && artifact.Recipe.Contains("parents=model-", StringComparison.Ordinal))
                    artifact.Recipe.Split('\n').Single(l => l.StartsWith("parents=", StringComparison.Ordinal))["parents=".Length..].Split(',')
                        .Should().BeSubsetOf(artifact.Needs.Select(n => n.ToString()));
            }
        }
    }

    [Test]
    public void Plan_FigureOne_OrdersEachSnapshotAfterTheOneItResumesFrom()
    {
        var (context, graph) = Plan(new Figure1_CostVsSecurity());
        using (context)
        {
            var snapshots = graph.Artifacts.Where(a => a.What.StartsWith("fine-tuned ", StringComparison.Ordinal)).ToList();
            snapshots.Should().HaveCount(2, "the smoke profile fine-tunes 2 epochs, a snapshot each");
            snapshots[1].Needs.Should().Contain(snapshots[0].Key, "epoch 2 resumes from the checkpoint epoch 1's build leaves");
        }
    }

    [Test]
    public void Plan_Twice_GivesTheSameArtifactsInTheSameOrder()
    {
        var (first, a) = Plan(new Table07_UnpairingPruning(), new Table06_UnpairingQuantization());
        first.Dispose();
        var (second, b) = Plan(new Table07_UnpairingPruning(), new Table06_UnpairingQuantization());
        second.Dispose();

        b.Artifacts.Select(x => x.Key).Should().Equal(a.Artifacts.Select(x => x.Key));
        a.Artifacts.Select(x => x.Experiments[0]).Should().StartWith("Table07_UnpairingPruning");
    }

    [Test]
    public void Build_AfterPlanning_BuildsExactlyThatArtifactForReal()
    {
        var (context, graph) = Plan(new Table07_UnpairingPruning());
        using (context)
        {
            var server = graph.Artifacts.First(a => a.IsModel && a.Needs.Count == 0);

            server.Build();

            context.Artifacts.Exists(server.Key).Should().BeTrue();
            graph.Artifacts.Where(a => a.Key != server.Key).Should().OnlyContain(a => !context.Artifacts.Exists(a.Key), "one job builds one artifact");
        }
    }

    [Test]
    public void Model_WhilePlanning_IsAPlaceholderThatRefusesToCompute()
    {
        var recorder = new PlanRecorder();
        using var context = new RunContext(SmokeProfile.Create(), RunEnvironment.Detect(cacheOverride: root.FullName), SilentProgress.Instance, workers: 1, planning: recorder);

        var model = context.Zoo.Server(0).Model;

        model.Should().BeOfType<PlannedModel>();
        var act = () => model.forward(TorchSharp.torch.zeros(1, 3, 32, 32));
        act.Should().Throw<InvalidOperationException>().WithMessage("*placeholder of a planning run*");
        CacheFiles().Should().BeEmpty();
    }
}
