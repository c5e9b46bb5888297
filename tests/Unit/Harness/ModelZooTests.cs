using Repro.Harness;
using Repro.Profiles;
using Repro.Progress;

namespace Repro.Unit.Harness;

/// <summary>
/// The zoo's recipes are known before anything is built (so cached evaluations need no model, and a plan of the work
/// can be made), and they encode how each sibling derives from the server.
/// </summary>
public class ModelZooTests
{
    DirectoryInfo root = null!;
    RunContext context = null!;

    [SetUp]
    public void Create()
    {
        root = Directory.CreateTempSubdirectory("zoo-");
        context = new RunContext(SmokeProfile.Create(), RunEnvironment.Detect(cacheOverride: root.FullName), SilentProgress.Instance);
    }

    [TearDown]
    public void Delete()
    {
        context.Dispose();
        root.Delete(recursive: true);
    }

    [Test]
    public void Recipes_AreKnownWithoutBuildingAnything()
    {
        var keys = new[] { context.Zoo.Server(0), context.Zoo.ANew(0), context.Zoo.Quantized(0), context.Zoo.Pruned(0) }.Select(h => h.Key).ToList();

        keys.Should().OnlyHaveUniqueItems();
        Directory.GetFiles(context.Artifacts.Root, "model.bin", SearchOption.AllDirectories).Should().BeEmpty("reading a recipe builds nothing");
    }

    [Test]
    public void Siblings_NameTheServerAsTheirParent_AndANewDiffersByItsSeed()
    {
        var server = context.Zoo.Server(0);

        context.Zoo.Quantized(0).Recipe.Parents.Should().Equal(server.Key);
        context.Zoo.Quantized(0).Recipe.EightBit.Should().BeTrue();
        context.Zoo.Pruned(0).Recipe.Parents.Should().Equal(server.Key);
        context.Zoo.Pruned(0).Recipe.EightBit.Should().BeFalse();
        var anew = context.Zoo.ANew(0).Recipe;
        anew.Should().BeEquivalentTo(server.Recipe with { Role = anew.Role, Seed = ModelZoo.NewModelSeedOffset }, "'a new' is the server's recipe at another seed");
    }
}
