using Repro.Attacks;
using Repro.Data;
using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Models;
using Repro.Progress;
using Repro.Unit.Fakes;
using static TorchSharp.torch;

namespace Repro.Unit.Harness.Evaluation;

/// <summary>
/// The evaluator on fakes (closed-form linear models, a temporary cache): every evaluation is measured once and then
/// served from the artifact cache by the models' keys, without loading a model; the cache key changes with the attack
/// settings and the samples, not with memory knobs.
/// </summary>
public class PairEvaluatorTests
{
    DirectoryInfo root = null!;
    [SetUp] public void Create() => root = Directory.CreateTempSubdirectory("evaluator-");
    [TearDown] public void Delete() => root.Delete(recursive: true);

    static readonly InputShape Shape = TinyImages.Shape(1, 4, 4);

    /// <summary>A model handle whose model is made (and counted) only when something needs it.</summary>
    sealed class Counted(string role, int seed)
    {
        public int Loads;
        public ModelHandle Handle => new(
            new ModelRecipe(role, new ResNetSpec(ResNetBlock.Basic, new[] { 1 }, 4, 1), "fake", $"fake({role})", Array.Empty<ArtifactKey>(), seed),
            () => { Loads++; return TinyImages.RandomLinear(3, Shape, seed, scale: 1); });
    }

    PairEvaluator Evaluator(TransferAttackSettings? transfer = null)
    {
        var images = TinyImages.Uniform(12, Shape, 1);
        using var logits = no_grad();
        var labels = TinyImages.RandomLinear(3, Shape, 5, scale: 1).forward(images).argmax(1);
        var test = new LabeledImages(images, labels, new[] { "a", "b", "c" }, "fake");
        var store = new ArtifactStore(root.FullName);
        return new PairEvaluator(transfer ?? new TransferAttackSettings(), new QueryAttackSettings { QueryBudget = 40 },
            new EvaluationImages("fake-test", test, Enumerable.Range(0, 12).Select(i => (long)i).ToArray(), new long[] { 0, 1, 2 }),
            () => new SimilaritySamples(test, new long[] { 0, 1, 2, 3 }, "test"),
            store, new ModelStore(store, SilentProgress.Instance, CPU), SilentProgress.Instance, CPU);
    }

    [Test]
    public void Transfer_SecondTime_ComesFromTheCacheWithoutLoadingAModel()
    {
        var source = new Counted("device", 2);
        var server = new Counted("server", 5);
        var first = Evaluator().Transfer(source.Handle, server.Handle);
        int loads = source.Loads + server.Loads;

        var second = Evaluator().Transfer(source.Handle, server.Handle);

        second.ServerClean.Should().Be(first.ServerClean);
        second.ServerUnderFgsm.Should().Be(first.ServerUnderFgsm);
        second.ServerUnderPgd.Should().Be(first.ServerUnderPgd);
        (source.Loads + server.Loads).Should().Be(loads, "a cached evaluation needs only the models' keys");
    }

    [Test]
    public void Transfer_OtherEpsilon_IsMeasuredAgain_OtherBatchSize_IsNot()
    {
        var source = new Counted("device", 2);
        var server = new Counted("server", 5);
        Evaluator().Transfer(source.Handle, server.Handle);
        int loads = source.Loads;

        Evaluator(new TransferAttackSettings { BatchSize = 3 }).Transfer(source.Handle, server.Handle);
        source.Loads.Should().Be(loads, "the batch size is a memory knob (NotInRecipe)");

        Evaluator(new TransferAttackSettings { Epsilon = 4.0 / 255 }).Transfer(source.Handle, server.Handle);
        source.Loads.Should().BeGreaterThan(loads, "another epsilon is another measurement");
    }

    [Test]
    public void QueryAndSimilarity_AreCachedToo()
    {
        var device = new Counted("device", 2);
        var server = new Counted("server", 5);
        var query = Evaluator().Query(device.Handle, server.Handle);
        var similarity = Evaluator().Similarity(device.Handle, server.Handle);
        int loads = device.Loads + server.Loads;

        Evaluator().Query(device.Handle, server.Handle).Should().BeEquivalentTo(query, o => o.Excluding(q => q.Seconds));
        Evaluator().Similarity(device.Handle, server.Handle).Measurements.Should().BeEquivalentTo(similarity.Measurements);
        (device.Loads + server.Loads).Should().Be(loads);
        query.QueryBudget.Should().Be(40);
        query.MaxQueriesCharged.Should().BeLessThanOrEqualTo(40, "no sample is charged beyond the budget");
    }

    [Test]
    public void OutputDeviations_AreCached_AndAlpha1OfTheServerAgainstItselfIsOne()
    {
        var device = new Counted("device", 2);
        var server = new Counted("server", 5);
        var deviations = Evaluator().OutputDeviations(device.Handle, server.Handle);
        var (fgsm, pgd) = Evaluator().Alpha1(server.Handle, server.Handle);
        int loads = device.Loads + server.Loads;

        Evaluator().OutputDeviations(device.Handle, server.Handle).Should().BeEquivalentTo(deviations, o => o.Excluding(d => d.Seconds));
        Evaluator().Alpha1(device.Handle, server.Handle).Fgsm.Samples.Should().Be(12);
        (device.Loads + server.Loads).Should().Be(loads, "both deviation evaluations (device and server examples) come from the cache");
        deviations.UnderFgsm.Should().HaveCount(12);
        fgsm.Value.Should().Be(1.0);
        pgd.Value.Should().Be(1.0);
    }
}
