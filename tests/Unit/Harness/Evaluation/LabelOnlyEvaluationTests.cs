using Repro.Attacks;
using Repro.Data;
using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Models;
using Repro.Profiles;
using Repro.Progress;
using Repro.Unit.Fakes;
using static TorchSharp.torch;

namespace Repro.Unit.Harness.Evaluation;

/// <summary>
/// Table II's evaluations against a model behind `repro serve --label-only --uint8` on loopback: the server's answers over
/// HTTP are the local model's labels of the 8-bit-rounded images, RayS through it counts exactly as through the local label
/// oracle, and a second evaluation comes from the cache without loading a model or starting the server.
/// </summary>
public class LabelOnlyEvaluationTests
{
    DirectoryInfo root = null!;
    [SetUp] public void Create() => root = Directory.CreateTempSubdirectory("label-only-");
    [TearDown] public void Delete() => root.Delete(recursive: true);

    const int Samples = 8;
    static readonly LabelOnlySettings Settings = new() { QueryAttackSamples = 5, QueryBudget = 30 };

    /// <summary>A tiny ResNet by recipe, made (and counted) only when something reads it.</summary>
    sealed class Counted(string role, int seed)
    {
        public int Loads;
        Classifier? model;
        public ModelHandle Handle => new(
            new ModelRecipe(role, TinyModels.Spec, "tiny", $"tiny({role})", Array.Empty<ArtifactKey>(), seed),
            () => { Loads++; return model ??= TinyModels.ResNet(seed); });
    }

    static (Tensor Images, Tensor Labels) Data()
    {
        // 8-bit images, as CIFAR-10's are; labels the server's own, two of them changed (those samples are skipped by RayS).
        var images = EightBitPixels.Round(TinyModels.Images(Samples, seed: 11));
        Tensor labels;
        using (no_grad()) labels = TinyModels.ResNet(5).forward(images).argmax(1);
        labels[1] = (labels[1] + 1) % 10;
        labels[4] = (labels[4] + 1) % 10;
        return (images, labels);
    }

    PairEvaluator Evaluator()
    {
        var (images, labels) = Data();
        var test = new LabeledImages(images, labels, Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray(), "tiny");
        var store = new ArtifactStore(root.FullName);
        var all = Enumerable.Range(0, Samples).Select(i => (long)i).ToArray();
        return new PairEvaluator(new TransferAttackSettings(), new QueryAttackSettings(),
            new EvaluationImages("tiny-test", test, all, all.Take(6).ToArray()),
            () => throw new InvalidOperationException("no similarity here"),
            store, new ModelStore(store, SilentProgress.Instance, CPU), SilentProgress.Instance, CPU);
    }

    [Test]
    public void RoundedTransfer_OverHttp_IsTheLocalModelsAccuracyOnTheRoundedExamples()
    {
        using var scope = NewDisposeScope();
        var device = new Counted("device", 2);
        var server = new Counted("server", 5);
        using var cloud = new LabelOnlyEndpoint(server.Handle, SilentProgress.Instance);

        var outcome = Evaluator().RoundedTransfer(device.Handle, cloud);

        var (x, labels) = Data();
        var settings = new TransferAttackSettings();
        var runner = new TransferAttackRunner(settings);
        var fgsm = runner.Run(new Fgsm(settings), TinyModels.ResNet(2), x, labels);
        using var pgd = new Pgd(settings, seed: 2);
        var pgdExamples = runner.Run(pgd, TinyModels.ResNet(2), x, labels);
        double Accuracy(Tensor images) => global::Repro.Metrics.Accuracy.Of(TinyModels.ResNet(5), EightBitPixels.Round(images), labels);
        outcome.ServerClean.Should().Be(Accuracy(x));
        outcome.ServerUnderFgsm.Should().Be(Accuracy(fgsm));
        outcome.ServerUnderPgd.Should().Be(Accuracy(pgdExamples));
        outcome.ImagesSent.Should().Be(3 * Samples, "a clean and two adversarial images per sample, each labelled once by the server");
        cloud.ImagesAnswered.Should().Be(3 * Samples);
        outcome.FgsmPixelsRounded.Should().Be(0, "FGSM's 2/255 step from an 8-bit image stays on the 8-bit grid");
    }

    [Test]
    public void LabelOnlyQuery_OverHttp_CountsAsTheLocalLabelOracle_AndIsCached()
    {
        using var scope = NewDisposeScope();
        var prior = new Counted("device", 2);
        var server = new Counted("server", 5);
        QueryOutcome outcome;
        using (var cloud = new LabelOnlyEndpoint(server.Handle, SilentProgress.Instance))
            outcome = Evaluator().LabelOnlyQuery(prior.Handle, cloud, Settings);

        var (x, labels) = Data();
        using var local = new RaySearch(Settings.Search).Attack(
            new CountingLabelQueryOracle(TinyModels.ResNet(5), 5, Settings.QueryBudget, roundToEightBits: true), x.narrow(0, 0, 5), labels.narrow(0, 0, 5), TinyModels.ResNet(2));
        outcome.Samples.Should().Be(5);
        outcome.Attacked.Should().Be(local.Attacked);
        outcome.Fooled.Should().Be(local.Fooled);
        outcome.MeanQueries.Should().Be(global::Repro.Metrics.MeanQueries.OverAttacked(local.Outcomes, Settings.QueryBudget));
        outcome.MaxQueriesCharged.Should().BeLessThanOrEqualTo(Settings.QueryBudget);

        int loads = prior.Loads + server.Loads;
        using var again = new LabelOnlyEndpoint(server.Handle, SilentProgress.Instance);
        Evaluator().LabelOnlyQuery(prior.Handle, again, Settings).Should().BeEquivalentTo(outcome, o => o.Excluding(q => q.Seconds));
        (prior.Loads + server.Loads).Should().Be(loads, "a cached evaluation needs only the models' keys");
        again.ImagesAnswered.Should().Be(0, "a cached evaluation never starts the server");
    }

    [Test]
    public void LabelOnlyQuery_MoreSamplesThanTheQuerySamples_IsRefusedWithTheSetting()
    {
        var server = new Counted("server", 5);
        using var cloud = new LabelOnlyEndpoint(server.Handle, SilentProgress.Instance);

        var act = () => Evaluator().LabelOnlyQuery(null, cloud, Settings with { QueryAttackSamples = 7 });

        act.Should().Throw<ArgumentException>().WithMessage("*LabelOnly.QueryAttackSamples = 7*6 query samples*");
    }
}
