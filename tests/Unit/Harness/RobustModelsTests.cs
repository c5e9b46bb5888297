using Repro.Harness;
using Repro.Harness.Planning;
using Repro.Profiles;
using Repro.Progress;

namespace Repro.Unit.Harness;

/// <summary>
/// The robust recipes: adversarial training from scratch (the paper) or as a fine-tune of the zoo's cross-entropy model
/// (mini), named by the PGD-7 attack, sharing one model between the tables that ask for it, and priced with the attack's
/// extra passes.
/// </summary>
public class RobustModelsTests
{
    DirectoryInfo root = null!;

    [SetUp]
    public void Create() => root = Directory.CreateTempSubdirectory("robust-");

    [TearDown]
    public void Delete() => root.Delete(recursive: true);

    RunContext Context(Profile profile) => new(profile, RunEnvironment.Detect(cacheOverride: root.FullName), SilentProgress.Instance);

    [Test]
    public void FromScratch_HasNoParent_AndNamesThePgd7Attack()
    {
        using var context = Context(SmokeProfile.Create());

        var server = context.Robust.Server(0).Recipe;

        server.Parents.Should().BeEmpty();
        server.Procedure.Should().StartWith("train(at(pgd(eps=0.03137254901960784;step=0.00784313725490196;steps=7;start=uniform);task=ce)");
        server.Procedure.Should().NotBe(context.Zoo.Server(0).Recipe.Procedure, "the robust server is another model than the server");
        Directory.GetFiles(context.Artifacts.Root, "model.bin", SearchOption.AllDirectories).Should().BeEmpty("reading a recipe builds nothing");
    }

    [Test]
    public void Finetune_StartsFromTheZoosModelOfTheSameArchitectureAndSeed()
    {
        var smoke = SmokeProfile.Create();
        using var context = Context(smoke with { Robust = smoke.Robust with { Start = RobustStart.Finetune, FinetuneEpochs = 2 } });

        var nas = context.Robust.Trained("nas", context.Profile.Models.NasNet, 3).Recipe;

        nas.Parents.Should().Equal(context.Zoo.Trained("nas", context.Profile.Models.NasNet, 3).Key);
        nas.Procedure.Should().StartWith("finetune(train(at(pgd(").And.Contain("epochs=2;");
        context.Robust.Trained("nas", context.Profile.Models.NasNet, 3).Key.Should().Be(context.Robust.Trained("nas", context.Profile.Models.NasNet, 3).Key,
            "Tables XIII, XIV and Appendix I share one robust NASNet");
    }

    [Test]
    public void AdversarialTraining_IsPricedWithTheAttacksSevenPassesAStep()
    {
        using var context = Context(SmokeProfile.Create());

        var terms = context.Robust.Server(0).Work.Terms;

        double trained = terms.Single(t => t.Pass == Pass.Train).Images;
        terms.Single(t => t.Pass == Pass.InputGradient).Images.Should().Be(7 * trained, "PGD-7 is 7 forward and backward passes to the input per training step");
    }

    [Test]
    public void RobustDistillation_NamesItsTeacherAndTheReferenceSettings()
    {
        using var context = Context(SmokeProfile.Create());
        var server = context.Zoo.Server(0);

        var student = context.Robust.Distilled(context.Profile.Models.ResNet18, server, 0).Recipe;

        student.Parents.Should().Equal(server.Key);
        student.Procedure.Should().Contain("ard(pgd(").And.Contain("steps=10;").And.Contain("T=30;alpha=1;kl=mean");
    }

    [Test]
    public void BadRobustSettings_AreRefusedBeforeAnythingTrains_NamingTheSetting()
    {
        var smoke = SmokeProfile.Create();
        using var context = Context(smoke with { Robust = smoke.Robust with { Start = RobustStart.Finetune, FinetuneEpochs = 0, Steps = 0 } });

        var act = () => context.Robust.Server(0);

        act.Should().Throw<ArgumentException>().WithMessage("*Robust.Steps must be >= 1*Robust.FinetuneEpochs must be >= 1*");
    }
}
