using Repro.Audit;
using Repro.Models.Foreign;
using Repro.Progress;
using Repro.Unit.Fakes;

namespace Repro.Unit.Audit;

/// <summary>
/// The audit and hardening end to end on the exported mini pair (ResNet-mini and its 8-bit sibling as TorchScript), at a
/// few dozen images and a small query budget so that each runs in seconds.
/// </summary>
public class AuditTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    static readonly AuditSettings Small = new AuditSettings
    {
        AttackSamples = 20,
        QuerySamples = 10,
        SimilaritySamples = 20,
        BootstrapResamples = 200,
        QueryChunk = 5,
    } with { Query = new Repro.Attacks.QueryAttackSettings { QueryBudget = 100 } };

    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("repro-audit-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    static AuditReport Audit(AuditSettings settings, TorchScriptClassifier server, TorchScriptClassifier device, AuditCheckpoint checkpoint, IProgressSink? progress = null)
    {
        using var images = AuditImages.Load(AuditImages.Embedded, device.Metadata, settings, needTrain: false);
        return new Auditor(settings, progress ?? new SilentProgress()).Run(new LocalServer(server), device, device.Metadata.Hardening, images, checkpoint);
    }

    [Test]
    public void Audit_OfTheQuantizedSibling_ShowsTheTransferAndThePriorAdvantage()
    {
        using var server = TorchScriptClassifier.Load(Fixture("mini-server.pt"));
        using var device = TorchScriptClassifier.Load(Fixture("mini-server-int8.pt"));

        var audit = Audit(Small, server, device, new AuditCheckpoint(directory, "a"));

        audit.Accuracy.Agreement.Should().BeGreaterThan(95);
        audit.Similarities.Should().HaveCount(3).And.OnlyContain(s => s.Value > 0.9);
        var pgd = audit.Transfers.Single(t => t.Attack == "PGD-10");
        pgd.Rfr.Should().BeApproximately(1.0, 0.05);
        var with = audit.Query(AuditReport.WithPrior)!;
        var without = audit.Query(AuditReport.WithoutPrior)!;
        with.FoolingRate!.Value.Should().BeGreaterThan(without.FoolingRate!.Value);
        with.MedianQueries!.Value.Should().BeLessThan(without.MedianQueries!.Value);
        with.FoolingRate.Low.Should().BeLessThanOrEqualTo(with.FoolingRate.Value);
        audit.Query(AuditReport.NegatedPrior).Should().BeNull("an unhardened sibling gets the adaptive attacks only on request");
        audit.Headline.Should().StartWith("With mini-server-int8 as a prior, an attacker fools mini-server on");

        var page = AuditPage.Render(audit);
        page.Should().Contain(audit.Headline.Replace("'", "&#39;")).And.Contain("<svg").And.Contain("RFR");
    }

    [Test]
    public void Audit_OfASiblingWithoutFeatures_SaysTheActivationSimilarityIsNotMeasurable()
    {
        using var server = TorchScriptClassifier.Load(Fixture("tiny.pt"));
        using var device = TorchScriptClassifier.Load(Fixture("tiny-nofeatures.pt"));
        var settings = Small with { Query = Small.Query with { QueryBudget = 20 }, QuerySamples = 5 };

        var audit = Audit(settings, server, device, new AuditCheckpoint(directory, "b"));

        audit.Similarities.Single(s => s.Metric == "similarity_features").NotMeasurable.Should().Contain("not measurable");
        audit.Similarities.Single(s => s.Metric == "similarity_logits").Value.Should().BeApproximately(1.0, 1e-4);
    }

    sealed class KilledAfter(int reports) : IProgressSink
    {
        int seen;

        public void Report(string task, long done, long total, string? detail = null)
        {
            if (task.StartsWith("P-RGF, no prior", StringComparison.Ordinal) && done > 0 && ++seen >= reports)
                throw new OperationCanceledException("killed");
        }

        public void Note(string message) { }
    }

    [Test]
    public void Audit_KilledDuringTheQueryAttacks_ResumesAndGivesTheSameNumbers()
    {
        using var server = TorchScriptClassifier.Load(Fixture("mini-server.pt"));
        using var device = TorchScriptClassifier.Load(Fixture("mini-server-int8.pt"));
        var uninterrupted = Audit(Small, server, device, new AuditCheckpoint(Path.Combine(directory, "whole"), "k"));

        var folder = Path.Combine(directory, "killed");
        FluentActions.Invoking(() => Audit(Small, server, device, new AuditCheckpoint(folder, "k"), new KilledAfter(1)))
            .Should().Throw<OperationCanceledException>();
        var resumedCheckpoint = new AuditCheckpoint(folder, "k");
        var resumed = Audit(Small, server, device, resumedCheckpoint);

        // accuracy, similarity, transfer, the prior's two chunks and the first no-prior chunk were finished before the kill.
        resumedCheckpoint.Reused.Should().Be(6);
        Directory.GetFiles(resumedCheckpoint.Folder, "*.tmp*").Should().BeEmpty();
        resumed.Query(AuditReport.WithoutPrior)!.Samples.Should().Equal(uninterrupted.Query(AuditReport.WithoutPrior)!.Samples);
        resumed.Query(AuditReport.WithPrior)!.Samples.Should().Equal(uninterrupted.Query(AuditReport.WithPrior)!.Samples);
        resumed.Transfers.Should().Equal(uninterrupted.Transfers);
    }

    [Test]
    public void Harden_WithThePapersPenalty_TurnsTheGradientsAwayAndTheAdaptiveAttackIsRun()
    {
        using var server = TorchScriptClassifier.Load(Fixture("mini-server.pt"));
        using var device = TorchScriptClassifier.Load(Fixture("mini-server-int8.pt"));
        using var images = AuditImages.Load(AuditImages.Embedded, device.Metadata, Small, needTrain: true);
        var hardener = new Hardener(new HardenSettings { Schedule = new Repro.Training.TrainingSettings { Epochs = 1, LearningRate = 0.05 }, TrainImages = 256 }, new SilentProgress());

        var (model, _) = hardener.Run(server, device, images.Train!, "input-gradient", 10);
        var path = Path.Combine(directory, "hardened.pt");
        using (model) ((TorchScriptClassifier)model).Save(path, device.Metadata with { Hardening = "test" });
        using var hardened = TorchScriptClassifier.Load(path);
        var before = Audit(Small, server, device, new AuditCheckpoint(directory, "before"));
        var after = Audit(Small, server, hardened, new AuditCheckpoint(directory, "after"));

        double Gradients(AuditReport a) => a.Similarities.Single(s => s.Metric == "similarity_gradients").Value!.Value;
        Gradients(after).Should().BeLessThan(Gradients(before) - 0.2);
        after.AdaptiveAttacks.Should().BeTrue();
        after.Query(AuditReport.NegatedPrior).Should().NotBeNull();
        after.Transfers.Should().Contain(t => t.Source.Contains("negated"));
        var collapsed = after with { Accuracy = after.Accuracy with { Device = before.Accuracy.Device - 20 } };
        HardenReport.Verdict(collapsed, before).Should().StartWith("no usable sibling", "a collapsed sibling is no evidence of safety");
        var page = AuditPage.Render(before, new HardenReport(before, new[] { new HardenRun("input-gradient", 10, 1, path, 1, after) }));
        page.Should().Contain("Hardening: before and after").And.Contain("against the adaptive attacker");
    }

    [Test]
    public void Images_WhoseClassesAreNotTheModels_AreRefusedBeforeAnyAttack()
    {
        var metadata = new ModelMetadata { Height = 32, Width = 32, Classes = new[] { "cat", "dog" } };

        FluentActions.Invoking(() => AuditImages.Load(AuditImages.Embedded, metadata, Small, needTrain: false))
            .Should().Throw<ForeignModelException>().WithMessage("*classes (cat, dog) are not those of the embedded CIFAR-10 slice*");
    }

    [Test]
    public void Bootstrap_IntervalContainsTheStatistic_AndIsReproducible()
    {
        var values = Enumerable.Range(0, 50).Select(i => (double)(i % 7)).ToList();

        var a = Bootstrap.Of(values, v => v.Average(), 500, 3);
        var b = Bootstrap.Of(values, v => v.Average(), 500, 3);

        a.Should().Be(b);
        a.Low.Should().BeLessThan(a.Value);
        a.High.Should().BeGreaterThan(a.Value);
    }
}
