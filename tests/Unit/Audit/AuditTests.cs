using Repro.Audit;
using Repro.Models.Foreign;
using Repro.Progress;
using Repro.Unit.Fakes;

namespace Repro.Unit.Audit;

/// <summary>
/// The audit and hardening end to end on the exported mini pair (ResNet-mini and its 8-bit sibling as TorchScript), at a
/// dozen images and a small query budget so that each runs in seconds (the protocol's sizes are the claim tests').
/// </summary>
public class AuditTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    // Two P-RGF chunks per prior (the resume test kills the audit between them); at 60 queries RGF without a prior fools
    // few of the 10 images and the 8-bit prior nearly all (its median is about 12 queries).
    static readonly AuditSettings Small = new AuditSettings
    {
        AttackSamples = 12,
        QuerySamples = 10,
        SimilaritySamples = 12,
        BootstrapResamples = 200,
        QueryChunk = 5,
    } with { Query = new Repro.Attacks.QueryAttackSettings { QueryBudget = 60 } };

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
    public void Audit_OfAnotherSiblingOfTheSameServer_ReusesTheNoPriorAttack()
    {
        using var server = TorchScriptClassifier.Load(Fixture("tiny.pt"));
        using var device = TorchScriptClassifier.Load(Fixture("tiny-nofeatures.pt"));
        using var other = TorchScriptClassifier.Load(Fixture("tiny-probabilities.pt"));
        var settings = Small with { QuerySamples = 4, QueryChunk = 2 };
        var first = Audit(settings, server, device, new AuditCheckpoint(directory, "int8"));

        var checkpoint = new AuditCheckpoint(directory, "tiny");
        var second = Audit(settings, server, other, checkpoint);
        var otherSettings = new AuditCheckpoint(directory, "tiny, other budget");
        Audit(settings with { Query = settings.Query with { QueryBudget = 30 } }, server, other, otherSettings);

        checkpoint.Reused.Should().Be(2, "the no-prior attack's two chunks depend on the server, data and settings only");
        second.Query(AuditReport.WithoutPrior)!.Samples.Should().Equal(first.Query(AuditReport.WithoutPrior)!.Samples);
        otherSettings.Reused.Should().Be(0, "another query budget is another attack");
    }

    [Test]
    public void Harden_WithThePapersPenalty_TurnsTheGradientsAwayAndTheAdaptiveAttackIsRun()
    {
        using var server = TorchScriptClassifier.Load(Fixture("mini-server.pt"));
        using var device = TorchScriptClassifier.Load(Fixture("mini-server-int8.pt"));
        using var images = AuditImages.Load(AuditImages.Embedded, device.Metadata, Small, needTrain: true);
        var hardener = new Hardener(new HardenSettings { Schedule = new Repro.Training.TrainingSettings { Epochs = 1, LearningRate = 0.05 }, TrainImages = 256 }, new SilentProgress());
        var small = Small with { QuerySamples = 5 };

        var (model, _) = hardener.Run(server, device, images.Train!, "input-gradient", 10);
        var path = Path.Combine(directory, "hardened.pt");
        using (model) ((TorchScriptClassifier)model).Save(path, device.Metadata with { Hardening = "test" });
        using var hardened = TorchScriptClassifier.Load(path);
        var before = Audit(small, server, device, new AuditCheckpoint(directory, "before"));
        var after = Audit(small, server, hardened, new AuditCheckpoint(directory, "after"));

        double Gradients(AuditReport a) => a.Similarities.Single(s => s.Metric == "similarity_gradients").Value!.Value;
        Gradients(after).Should().BeLessThan(Gradients(before) - 0.2);
        after.AdaptiveAttacks.Should().BeTrue();
        after.Query(AuditReport.NegatedPrior).Should().NotBeNull();
        after.Transfers.Should().Contain(t => t.Source.Contains("negated"));
        var collapsed = after with { Accuracy = after.Accuracy with { Device = 10 } };
        HardenReport.Verdict(collapsed, before).Should().StartWith("no usable sibling", "a collapsed sibling is no evidence of safety")
            .And.Contain($"accuracy {before.Accuracy.Device:F1}% -> 10.0%");
        var page = AuditPage.Render(before, new HardenReport(before, new[] { new HardenRun("input-gradient", 10, 1, path, 1, after) }, "test recipe"));
        page.Should().Contain("Hardening: before and after").And.Contain("against the adaptive attacker").And.Contain("test recipe");
    }

    [Test]
    public void Verdict_StatesTheAccuracyCost_AndCallsASiblingUnusableOnlyBeyondTheThreshold()
    {
        var before = Report(63.2, prior: (12, 100, 100), negated: null, none: (700, 52, 65));
        var useful = Report(53.0, prior: (60, 61, 50), negated: (60, 63, 52), none: (700, 52, 65));
        var flipped = Report(53.0, prior: (1500, 30, 20), negated: (40, 70, 60), none: (700, 52, 65));
        var safe = Report(53.0, prior: (1500, 30, 20), negated: (1600, 28, 18), none: (700, 52, 65));

        HardenReport.Verdict(useful, before).Should().StartWith("does not hold: the sibling as published").And.Contain("cost 10.2 points");
        HardenReport.Verdict(useful, before, maxAccuracyCost: 10).Should().StartWith("no usable sibling").And.Contain("more than the 10 points allowed");
        HardenReport.Verdict(flipped, before).Should().StartWith("broken by the adaptive attacker");
        HardenReport.Verdict(safe, before).Should().StartWith("holds").And.Contain("cost 10.2 points");
    }

    static AuditReport Report(double accuracy, (double Median, double Rate, double Low) prior, (double Median, double Rate, double Low)? negated, (double Median, double Rate, double High) none)
    {
        QueryResult Query(string label, double median, double rate, double low, double high) =>
            new(label, label, 2000, Array.Empty<QuerySample>(), new Estimate(rate, low, high), new Estimate(median, median, median), new Estimate(median, median * 0.5, median * 2), median);
        var queries = new List<QueryResult> { Query(AuditReport.WithPrior, prior.Median, prior.Rate, prior.Low, prior.Rate), Query(AuditReport.WithoutPrior, none.Median, none.Rate, none.Rate - 10, none.High) };
        if (negated is { } n) queries.Add(Query(AuditReport.NegatedPrior, n.Median, n.Rate, n.Low, n.Rate));
        return new AuditReport
        {
            Server = "s", ServerIdentity = "s", Device = "d", DeviceIdentity = "d", Data = "x", Settings = "x",
            AttackSamples = 500, QuerySamples = 100, Epsilon = 8 / 255.0, QueryBudget = 2000, AdaptiveAttacks = negated is not null, Seconds = 1,
            Accuracy = new AccuracyResult(63.5, accuracy, 90, 1000),
            Similarities = Array.Empty<SimilarityResult>(), Transfers = Array.Empty<TransferResult>(), Queries = queries,
            Headline = "", CreatedUtc = "",
        };
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
