using Repro.Harness.Artifacts;
using Repro.Harness.Planning;
using Repro.Models;

namespace Repro.Unit.Harness.Planning;

/// <summary>Plans made by hand: artifact graphs of given level sizes, each artifact needing the first of the level before.</summary>
internal static class PlanFixtures
{
    public static ArtifactKey Key(string kind, int i) => new(kind, i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Level 1 holds models; later levels alternate evaluations and models; one hour of training per model.</summary>
    public static ArtifactGraph Graph(params int[] levelSizes)
    {
        var artifacts = new List<PlannedArtifact>();
        ArtifactKey? previous = null;
        int n = 0;
        for (int level = 0; level < levelSizes.Length; level++)
        {
            ArtifactKey? first = null;
            for (int i = 0; i < levelSizes[level]; i++)
            {
                var key = Key(level % 2 == 0 ? "model" : "query-eval", ++n);
                first ??= key;
                var work = Work.Of(new WorkTerm(ResNetSpec.ResNet18, 32, Pass.Train, 3600, "training"));
                artifacts.Add(new PlannedArtifact(key, $"recipe {n}", $"artifact {n}", previous is null ? Array.Empty<ArtifactKey>() : new[] { previous },
                    new[] { level == 0 ? "Table01_OnDevicePriors" : "Table03_UnpairingSingleObjective" }, work, () => { }));
            }
            previous = first;
        }
        return new ArtifactGraph(artifacts);
    }

    /// <summary>One second per image of every pass of ResNet18 at 32 pixels: an artifact of <see cref="Graph"/> takes one hour.</summary>
    public static EpochTimes Times() => new(Enum.GetValues<Pass>().Select(p =>
        new EpochTimes.Row("cpu-test", EpochTimes.NetworkKey(ResNetSpec.ResNet18, 32), p, 1, 128, "2026-11-29T00:00Z", "by hand")));

    public static JobPlan Plan(params int[] levelSizes) =>
        JobPlan.From(Graph(levelSizes), "paper", new[] { "Table01_OnDevicePriors", "Table03_UnpairingSingleObjective" }, "0123456789abcdef", false,
            PlanEstimate.Measured(Times(), "cpu-test"));
}
