using Repro.Attacks;
using Repro.Remote;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Remote;

/// <summary>
/// Table II's setting over HTTP (label-only, 8-bit) behind a proxy that fails some requests with 503 and stalls others
/// past the client's timeout after the server answered: the attack finishes, its per-sample counts are exactly those of
/// the local oracle, and after a kill and a resume from the journal the server has answered nothing twice.
/// </summary>
public class RemoteFaultToleranceTests
{
    const int Samples = 6;
    const long Budget = 120;
    static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(400);

    // Requests 2, 5, 9, 14, ... fail; 7 and 20 are answered by the server and then held back past the timeout.
    static Fault Schedule(int n) => n is 7 or 20 ? Fault.StallAfterAnswer : n % 4 == 1 && n > 1 ? Fault.Fail : Fault.None;

    static (Tensor Images, Tensor Labels, Repro.Models.Classifier Server, Repro.Models.Classifier Prior) Setup()
    {
        var server = TinyModels.ResNet(seed: 3);
        var prior = TinyModels.ResNet(seed: 4);
        var images = EightBitPixels.Round(TinyModels.Images(Samples, seed: 7));
        Tensor labels;
        using (no_grad()) labels = server.forward(images).argmax(1);
        // Two samples the server misclassifies (skipped), the rest attacked.
        labels[0] = (labels[0] + 1) % 10;
        labels[3] = (labels[3] + 1) % 10;
        return (images, labels, server, prior);
    }

    static RemoteClientSettings Client(Uri address) => RemoteTestSetup.Client(address) with
    {
        AttemptTimeout = Timeout, MaxRetries = 6, MaxConcurrency = 2, ImagesPerRequest = 3, RequestsPerSecond = 1000,
    };

    [Test]
    public async Task LabelOnlyAttack_ThroughFailuresAndStalls_CountsExactlyAsTheLocalOracle()
    {
        using var scope = NewDisposeScope();
        var (images, labels, server, prior) = Setup();
        var attack = new RaySearch(new RaySearchSettings());
        using var local = attack.Attack(new CountingLabelQueryOracle(server, Samples, Budget, roundToEightBits: true), images, labels, prior);
        await using var served = await RemoteTestSetup.Serve(server, new ServeSettings { LabelOnly = true, EightBitInput = true });
        await using var proxy = await FaultInjectingProxy.StartAsync(served.Address, Schedule, stall: Timeout * 3);
        var settings = Client(proxy.Address);
        using var client = new RemoteModelClient(settings);
        var oracle = RemoteQueryOracle.Connect(client, settings, Samples, Budget, chargeClean: false);

        using var remote = attack.Attack(oracle, images, labels, prior);

        remote.Outcomes.Should().Equal(local.Outcomes);
        served.Clients.TotalImagesAnswered.Should().Be(remote.TotalImagesSent, "a stalled request's retry is answered from the server's memory, uncharged");
        client.Traffic.Failed.Should().BeGreaterThan(0);
        client.Traffic.TimedOut.Should().Be(2);
        client.Traffic.Retried.Should().Be(client.Traffic.Failed + client.Traffic.TimedOut);
        TestContext.Out.WriteLine($"fault injection: {client.Traffic.Describe()}; proxy: {proxy.InferRequests} infer requests, {proxy.Failed} failed (503), " +
            $"{proxy.Stalled} stalled; queries charged {remote.TotalQueriesCharged} ({string.Join(", ", remote.Outcomes.Select(o => o.QueriesCharged))}), " +
            $"images sent {remote.TotalImagesSent}, server answered {served.Clients.TotalImagesAnswered}; fooled {remote.Fooled} of {remote.Attacked}");
    }

    [Test]
    public async Task LabelOnlyAttack_KilledAndResumedFromTheJournal_SpendsNothingTwice()
    {
        using var scope = NewDisposeScope();
        var (images, labels, server, prior) = Setup();
        var attack = new RaySearch(new RaySearchSettings());
        using var uninterrupted = attack.Attack(new CountingLabelQueryOracle(server, Samples, Budget, roundToEightBits: true), images, labels, prior);
        await using var served = await RemoteTestSetup.Serve(server, new ServeSettings { LabelOnly = true, EightBitInput = true });
        await using var proxy = await FaultInjectingProxy.StartAsync(served.Address, Schedule, stall: Timeout * 3);
        var journalPath = Path.Combine(Path.GetTempPath(), $"repro-journal-{Guid.NewGuid():N}.sqlite");
        try
        {
            var settings = Client(proxy.Address);
            using var kill = new CancellationTokenSource();
            proxy.AfterAnswer = answered => { if (answered == 25) kill.Cancel(); };
            using (var client = new RemoteModelClient(settings))
            {
                var oracle = RemoteQueryOracle.Connect(client, settings, Samples, Budget, false, new QueryJournal(journalPath), "audit", kill.Token);
                var killed = () => attack.Attack(oracle, images, labels, prior);
                killed.Should().Throw<OperationCanceledException>();
            }
            long answeredBeforeKill = served.Clients.TotalImagesAnswered;
            proxy.AfterAnswer = null;

            using var client2 = new RemoteModelClient(settings);
            var resumed = RemoteQueryOracle.Connect(client2, settings, Samples, Budget, false, new QueryJournal(journalPath), "audit");
            using var result = attack.Attack(resumed, images, labels, prior);

            result.Outcomes.Should().Equal(uninterrupted.Outcomes);
            client2.Traffic.FromJournal.Should().BeGreaterThan(0);
            served.Clients.TotalImagesAnswered.Should().Be(result.TotalImagesSent, "every image was answered once by the server, across the kill");
            (client2.Traffic.ImagesFromJournal + client2.Traffic.ImagesOverNetwork).Should().Be(result.TotalImagesSent);
            new QueryJournal(journalPath).Totals("audit").AnsweredImages.Should().Be(result.TotalImagesSent);
            TestContext.Out.WriteLine($"kill and resume: {answeredBeforeKill} images answered before the kill; resumed run: {client2.Traffic.Describe()}; " +
                $"server answered {served.Clients.TotalImagesAnswered} images in all, the attack sent {result.TotalImagesSent} and was charged {result.TotalQueriesCharged}");
        }
        finally
        {
            foreach (var file in new[] { journalPath, journalPath + "-wal", journalPath + "-shm" }) File.Delete(file);
        }
    }

    [Test]
    public async Task Resume_WithAnotherAttack_IsRefusedNotMixed()
    {
        using var scope = NewDisposeScope();
        var (images, labels, server, prior) = Setup();
        await using var served = await RemoteTestSetup.Serve(server, new ServeSettings { LabelOnly = true, EightBitInput = true });
        var journalPath = Path.Combine(Path.GetTempPath(), $"repro-journal-{Guid.NewGuid():N}.sqlite");
        try
        {
            var settings = Client(served.Address);
            using var client = new RemoteModelClient(settings);
            var attack = new RaySearch(new RaySearchSettings());
            using (attack.Attack(RemoteQueryOracle.Connect(client, settings, Samples, 20, false, new QueryJournal(journalPath), "audit"), images, labels, prior)) { }

            var other = () => attack.Attack(RemoteQueryOracle.Connect(client, settings, Samples, 20, false, new QueryJournal(journalPath), "audit"), images, labels, prior: null);

            other.Should().Throw<RemoteEndpointException>().WithMessage("*holds another request as number*of run 'audit'*not the attack that was journaled*");
        }
        finally
        {
            foreach (var file in new[] { journalPath, journalPath + "-wal", journalPath + "-shm" }) File.Delete(file);
        }
    }

    [Test]
    public async Task ScoreAttack_ThroughFailuresAndStalls_CountsAsWithoutFaults()
    {
        using var scope = NewDisposeScope();
        var (images, labels, server, prior) = Setup();
        var attack = new PriorGuidedRandomGradientFree(new QueryAttackSettings { QueryBudget = 60 });
        await using var served = await RemoteTestSetup.Serve(server);
        await using var proxy = await FaultInjectingProxy.StartAsync(served.Address, Schedule, stall: Timeout * 3);
        QueryAttackResult Run(Uri address)
        {
            var settings = Client(address) with { ImagesPerRequest = 16 };
            using var client = new RemoteModelClient(settings);
            return attack.Attack(RemoteQueryOracle.Connect(client, settings, Samples, 60, false), images, labels, prior, seed: 0);
        }

        using var clean = Run(served.Address);
        using var faulty = Run(proxy.Address);

        faulty.Outcomes.Should().Equal(clean.Outcomes);
        proxy.Failed.Should().BeGreaterThan(0);
        proxy.Stalled.Should().Be(2);
    }
}
