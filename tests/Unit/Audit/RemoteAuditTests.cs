using Repro.Attacks;
using Repro.Audit;
using Repro.Harness;
using Repro.Models.Foreign;
using Repro.Progress;
using Repro.Remote;
using Repro.Unit.Fakes;
using Repro.Unit.Remote;

namespace Repro.Unit.Audit;

/// <summary>
/// `repro audit` of a server reached over the Open Inference Protocol (`repro serve` on loopback, an ephemeral port),
/// against the same audit of the same file held locally: the mini pair, 20 transfer and 6 query samples, budget 20.
/// </summary>
public class RemoteAuditTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    static readonly AuditSettings Small = new AuditSettings
    {
        AttackSamples = 20,
        QuerySamples = 6,
        SimilaritySamples = 20,
        BootstrapResamples = 200,
        QueryChunk = 3,
    } with { Query = new QueryAttackSettings { QueryBudget = 20 } };

    const string NoGradients = "not measurable: the server is remote (no gradients)";

    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("repro-remote-audit-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    static AuditReport Audit(IAuditServer server, ForeignClassifier device, string folder, IProgressSink? progress = null)
    {
        using var images = AuditImages.Load(AuditImages.Embedded, device.Metadata, Small, needTrain: false);
        var checkpoint = new AuditCheckpoint(Path.Combine(folder, "checkpoints"), $"{server.Identity}|{device.Architecture.Describe()}|{images.Identity}|{Small.Describe()}");
        return new Auditor(Small, progress ?? new SilentProgress()).Run(server, device, null, images, checkpoint);
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<(bool LabelOnly, bool EightBit), AuditReport> LocalAudits = new();

    /// <summary>The local audit of the mini pair in a mode, measured once for all the tests that compare with it.</summary>
    static AuditReport Local(bool labelOnly, bool eightBit) => LocalAudits.GetOrAdd((labelOnly, eightBit), mode =>
    {
        using var server = TorchScriptClassifier.Load(Fixture("mini-server.pt"));
        using var device = TorchScriptClassifier.Load(Fixture("mini-server-int8.pt"));
        var folder = Directory.CreateTempSubdirectory("repro-local-audit-").FullName;
        try { return Audit(new LocalServer(server, mode.LabelOnly, mode.EightBit), device, folder); }
        finally { Directory.Delete(folder, recursive: true); }
    });

    static RemoteClientSettings Client(Uri address, string model) => RemoteTestSetup.Client(address, model) with { ImagesPerRequest = 256 };

    /// <summary>What the remote audit measures must be the local one's wherever the server's answers are all it needs.</summary>
    static void ShouldMatchTheLocalAudit(AuditReport remote, AuditReport local)
    {
        remote.Accuracy.Should().Be(local.Accuracy);
        remote.Similarities.Should().OnlyContain(s => s.Value == null && s.NotMeasurable == NoGradients);
        remote.Transfers.Select(t => (t.Attack, t.ServerClean, t.ServerUnderTransfer)).Should().Equal(local.Transfers.Select(t => (t.Attack, t.ServerClean, t.ServerUnderTransfer)));
        remote.Transfers.Should().OnlyContain(t => t.Rfr == null && t.RfrNotMeasurable == NoGradients && t.ServerUnderWhiteBox == null);
        remote.QueryAttack.Should().Be(local.QueryAttack);
        foreach (var label in new[] { AuditReport.WithPrior, AuditReport.WithoutPrior })
            remote.Query(label)!.Samples.Should().Equal(local.Query(label)!.Samples, $"the per-sample counts of '{label}' are the local oracle's");
    }

    [Test]
    public async Task ScoreMode_AuditOverTheProtocol_CountsAsTheLocalAudit()
    {
        using var device = TorchScriptClassifier.Load(Fixture("mini-server-int8.pt"));
        var local = Local(labelOnly: false, eightBit: false);
        var served = ServedModelFile.Load(Fixture("mini-server.pt"));
        using var servedModel = served.Model;
        await using var inference = await InferenceServer.StartAsync(served, new ServeSettings());
        using var remote = RemoteServer.Connect(Client(inference.Address, served.Name), device.Classes, Path.Combine(directory, "remote", "journal.sqlite"));

        var audit = Audit(remote, device, Path.Combine(directory, "remote"));

        ShouldMatchTheLocalAudit(audit, local);
        audit.QueryAttack.Should().Be("P-RGF");
        audit.Query(AuditReport.WithPrior)!.FoolingRate!.Value.Should().BeGreaterThan(audit.Query(AuditReport.WithoutPrior)!.FoolingRate!.Value);
        var traffic = audit.Traffic!;
        traffic.LabelImages.Should().Be(1000 + 3 * 20, "the test set once, then the 20 attacked images clean, under FGSM and under PGD");
        traffic.AttackImages.Should().Be(local.Queries.Sum(q => q.Samples.Sum(s => s.Queries)) + Small.QuerySamples * 2, "every charged query plus each sample's uncharged clean image, per prior");
        inference.Clients.TotalImagesAnswered.Should().Be(traffic.LabelImages + traffic.AttackImages, "the server answered every image once");
        AuditPage.Render(audit).Should().Contain("the server is remote (no gradients)").And.Contain("remote server");
    }

    [TestCase(false, TestName = "LabelOnlyMode_AuditOverTheProtocol_RunsRaySAndCountsAsTheLocalRehearsal")]
    [TestCase(true, TestName = "LabelOnlyEightBitMode_AuditOverTheProtocol_RoundsImagesAndCountsAsTheLocalRehearsal")]
    public async Task LabelOnly_AuditOverTheProtocol_CountsAsTheLocalRehearsal(bool eightBit)
    {
        using var device = TorchScriptClassifier.Load(Fixture("mini-server-int8.pt"));
        var local = Local(labelOnly: true, eightBit);
        var served = ServedModelFile.Load(Fixture("mini-server.pt"));
        using var servedModel = served.Model;
        await using var inference = await InferenceServer.StartAsync(served, new ServeSettings { LabelOnly = true, EightBitInput = eightBit });
        using var remote = RemoteServer.Connect(Client(inference.Address, served.Name), device.Classes, Path.Combine(directory, "remote", "journal.sqlite"));

        var audit = Audit(remote, device, Path.Combine(directory, "remote"));

        remote.ScoresUnavailable.Should().Be("the server answers labels only");
        remote.Model.TakesEightBitImages.Should().Be(eightBit, "an 8-bit server refuses FP32 images, so the audit finishing means each image was rounded");
        ShouldMatchTheLocalAudit(audit, local);
        audit.QueryAttack.Should().Be("RayS");
        audit.Headline.Should().Contain("RayS");
        inference.Clients.TotalImagesAnswered.Should().Be(audit.Traffic!.LabelImages + audit.Traffic.AttackImages);
    }

    // Infer requests 2, 5, 9, 13, ... fail with 503; 7 and 20 are answered by the server, then held past the client's timeout.
    static Fault Schedule(int n) => n is 7 or 20 ? Fault.StallAfterAnswer : n % 4 == 1 && n > 1 ? Fault.Fail : Fault.None;

    // Long enough for a request of 50 images on a busy machine; a stall is held three times as long.
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    static RemoteClientSettings FaultTolerant(Uri address, string model) => Client(address, model) with
    {
        AttemptTimeout = Timeout, MaxRetries = 6, MaxConcurrency = 2, RequestsPerSecond = 1000, ImagesPerRequest = 50,
    };

    [Test]
    public async Task FaultyServer_AuditFinishesWithTheLocalCounts_AndAKilledAuditResumesSpendingNothingTwice()
    {
        using var device = TorchScriptClassifier.Load(Fixture("mini-server-int8.pt"));
        var local = Local(labelOnly: true, eightBit: true);
        var served = ServedModelFile.Load(Fixture("mini-server.pt"));
        using var servedModel = served.Model;
        var mode = new ServeSettings { LabelOnly = true, EightBitInput = true };

        // 1. Through 503s and stalls, uninterrupted.
        AuditReport faulty;
        long answered;
        await using (var inference = await InferenceServer.StartAsync(served, mode))
        await using (var proxy = await FaultInjectingProxy.StartAsync(inference.Address, Schedule, stall: Timeout * 3))
        {
            using var remote = RemoteServer.Connect(FaultTolerant(proxy.Address, served.Name), device.Classes, Path.Combine(directory, "faulty", "journal.sqlite"));
            faulty = Audit(remote, device, Path.Combine(directory, "faulty"));
            answered = inference.Clients.TotalImagesAnswered;
            TestContext.Out.WriteLine($"audit through faults: proxy {proxy.InferRequests} infer requests, {proxy.Failed} failed (503), {proxy.Stalled} stalled; " +
                $"client {faulty.Traffic!.Describe()}; queries charged {faulty.Queries.Sum(q => q.Samples.Sum(s => s.Queries))} " +
                $"(prior: {string.Join(", ", faulty.Query(AuditReport.WithPrior)!.Samples.Select(s => s.Queries))}; no prior: {string.Join(", ", faulty.Query(AuditReport.WithoutPrior)!.Samples.Select(s => s.Queries))}); " +
                $"server answered {answered} images");
            proxy.Failed.Should().BeGreaterThan(0);
            proxy.Stalled.Should().Be(2);
            faulty.Traffic.TimedOut.Should().BeGreaterThanOrEqualTo(2, "the two stalls (a slow answer on a loaded machine may add one)");
            faulty.Traffic.Retried.Should().Be(faulty.Traffic.Failed + faulty.Traffic.TimedOut);
        }
        ShouldMatchTheLocalAudit(faulty, local);
        answered.Should().Be(faulty.Traffic!.LabelImages + faulty.Traffic.AttackImages, "a stalled request's retry is answered from the server's memory, uncharged");

        // 2. The same audit killed mid-way through the query attacks, then run again: checkpoints and the journal carry it over.
        await using var again = await InferenceServer.StartAsync(served, mode);
        await using var proxy2 = await FaultInjectingProxy.StartAsync(again.Address, Schedule, stall: Timeout * 3);
        string folder = Path.Combine(directory, "killed"), journal = Path.Combine(folder, "journal.sqlite");
        using var kill = new CancellationTokenSource();
        proxy2.AfterAnswer = n => { if (n == 40) kill.Cancel(); };
        using (var remote = RemoteServer.Connect(FaultTolerant(proxy2.Address, served.Name), device.Classes, journal, cancel: kill.Token))
            FluentActions.Invoking(() => Audit(remote, device, folder)).Should().Throw<OperationCanceledException>();
        long beforeKill = again.Clients.TotalImagesAnswered;
        proxy2.AfterAnswer = null;
        using var resumedServer = RemoteServer.Connect(FaultTolerant(proxy2.Address, served.Name), device.Classes, journal);
        var resumed = Audit(resumedServer, device, folder);

        ShouldMatchTheLocalAudit(resumed, local);
        again.Clients.TotalImagesAnswered.Should().Be(answered, "across the kill the server answered each image once, as for the uninterrupted audit");
        resumed.Traffic!.RequestsFromJournal.Should().BeGreaterThan(0, "the killed chunk's answered requests are replayed");
        TestContext.Out.WriteLine($"killed after 40 answered requests ({beforeKill} images answered); resumed run: {resumed.Traffic.Describe()}; " +
            $"server answered {again.Clients.TotalImagesAnswered} images in all (uninterrupted: {answered})");
    }
}
