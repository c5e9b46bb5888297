using System.Text;
using Microsoft.AspNetCore.Http;
using Repro.Attacks;
using Repro.Remote;
using Repro.Unit.Fakes;
using static TorchSharp.torch;

namespace Repro.Unit.Remote;

/// <summary>What the remote oracle says when the server cannot be used as asked, and the limits that refuse queries.</summary>
public class RemoteQueryOracleErrorTests
{
    [Test]
    public void Connect_NothingListening_FailsAfterTheRetriesNamingTheAddress()
    {
        int port = LoopbackHttpServer.ClosedPort();
        var settings = RemoteTestSetup.Client(new Uri($"http://127.0.0.1:{port}/")) with { MaxRetries = 2 };
        using var client = new RemoteModelClient(settings);

        var connect = () => RemoteQueryOracle.Connect(client, settings, 1, 10, false);

        connect.Should().Throw<RemoteEndpointException>().WithMessage($"*127.0.0.1:{port}*failed after 3 attempts*Is the server running*");
        client.Traffic.Attempts.Should().Be(3);
    }

    [Test]
    public async Task Connect_ModelNotServed_SaysSoAndNamesTheOneServed()
    {
        using var model = TinyModels.ResNet();
        await using var server = await RemoteTestSetup.Serve(model);
        var settings = RemoteTestSetup.Client(server.Address, model: "resnet50");
        using var client = new RemoteModelClient(settings);

        var connect = () => RemoteQueryOracle.Connect(client, settings, 1, 10, false);

        connect.Should().Throw<RemoteEndpointException>().WithMessage("*'resnet50'*no such model*this server serves 'tiny'*");
    }

    /// <summary>A server that answers the metadata of a [3, 32, 32] -> 10-class score model, and infer with <paramref name="infer"/>.</summary>
    static Task<LoopbackHttpServer> Scripted(Func<HttpContext, Task> infer)
    {
        var metadata = new ModelMetadata("m", "input", "FP32", new[] { 3, 32, 32 }, "probabilities", "FP32", 10).ToJson();
        return LoopbackHttpServer.StartAsync(async context =>
        {
            if (context.Request.Method == "POST") { await infer(context); return; }
            context.Response.ContentType = "application/json";
            if (context.Request.Path.Value!.EndsWith("/v2/models/m")) await context.Response.Body.WriteAsync(metadata);
            else await context.Response.WriteAsync("{\"ready\": true, \"live\": true}");
        });
    }

    static void Query(Uri server)
    {
        using var scope = NewDisposeScope();
        var settings = RemoteTestSetup.Client(server, model: "m");
        using var client = new RemoteModelClient(settings);
        var oracle = RemoteQueryOracle.Connect(client, settings, 2, 10, false);
        oracle.Scores(TinyModels.Images(2), new[] { 0, 1 });
    }

    [Test]
    public async Task Scores_MalformedAnswer_IsAClearError()
    {
        await using var server = await Scripted(context => context.Response.WriteAsync("{\"outputs\": [ {\"name\": \"probabilities\", \"shape\": [2, 10"));

        var query = () => Query(server.Address);

        query.Should().Throw<RemoteEndpointException>().WithMessage("*model 'm'*answered request*malformed body*");
    }

    [Test]
    public async Task Scores_OutputNotNByClasses_IsAClearError()
    {
        var body = OpenInferenceProtocol.WriteResponse("m", null, InferenceTensor.OfFloats("probabilities", new long[] { 2, 5 }, Enumerable.Repeat(0.2f, 10).ToArray()));
        await using var server = await Scripted(context => context.Response.Body.WriteAsync(body).AsTask());

        var query = () => Query(server.Address);

        query.Should().Throw<RemoteEndpointException>().WithMessage("*shape [2, 5]; expected [2, 10]*");
    }

    [Test]
    public async Task Scores_LogitsInsteadOfProbabilities_IsAClearError()
    {
        var body = OpenInferenceProtocol.WriteResponse("m", null, InferenceTensor.OfFloats("probabilities", new long[] { 2, 10 }, Enumerable.Repeat(3f, 20).ToArray()));
        await using var server = await Scripted(context => context.Response.Body.WriteAsync(body).AsTask());

        var query = () => Query(server.Address);

        query.Should().Throw<RemoteEndpointException>().WithMessage("*not softmax probabilities*not logits*");
    }

    [Test]
    public async Task Labels_PastTheBudget_RefusedBeforeAnythingIsSent()
    {
        using var scope = NewDisposeScope();
        var model = TinyModels.ResNet();
        await using var server = await RemoteTestSetup.Serve(model, new ServeSettings { LabelOnly = true });
        var settings = RemoteTestSetup.Client(server.Address);
        using var client = new RemoteModelClient(settings);
        var oracle = RemoteQueryOracle.Connect(client, settings, 2, budget: 3, chargeClean: false);
        oracle.Labels(TinyModels.Images(3), new[] { 0, 0, 1 });

        var overrun = () => oracle.Labels(TinyModels.Images(2), new[] { 0, 0 });

        overrun.Should().Throw<QueryBudgetExceededException>().Which.Sample.Should().Be(0);
        oracle.QueriesCharged.Should().Equal(2, 1);
        server.Clients.TotalImagesAnswered.Should().Be(3, "the refused call sent nothing");
    }

    [Test]
    public async Task Server_PerClientQueryLimit_Answers429PastItAndKeepsOtherClientsGoing()
    {
        using var scope = NewDisposeScope();
        var model = TinyModels.ResNet();
        // Clients are told apart by their API keys (a header a client picks could reset its limit).
        var keys = new Dictionary<string, string> { ["alice-0123456789abcdef"] = "alice", ["bob-0123456789abcdef00"] = "bob" };
        await using var server = await RemoteTestSetup.Serve(model, new ServeSettings { LabelOnly = true, QueryLimitPerClient = 5, ApiKeys = keys });
        var alice = RemoteTestSetup.Client(server.Address) with { ApiKey = "alice-0123456789abcdef" };
        var bob = alice with { ApiKey = "bob-0123456789abcdef00" };
        using var aliceClient = new RemoteModelClient(alice);
        using var bobClient = new RemoteModelClient(bob);
        var aliceOracle = RemoteQueryOracle.Connect(aliceClient, alice, 1, 100, false);
        var bobOracle = RemoteQueryOracle.Connect(bobClient, bob, 1, 100, false);
        aliceOracle.Labels(TinyModels.Images(4), new[] { 0, 0, 0, 0 });

        var past = () => aliceOracle.Labels(TinyModels.Images(2), new[] { 0, 0 });

        past.Should().Throw<RemoteEndpointException>().WithMessage("*query limit*'alice' has had 4 of its 5 images answered*this request of 2*");
        aliceClient.Traffic.Attempts.Should().Be(5, "3 GETs and two infers: a 429 without Retry-After is not retried");
        bobOracle.Labels(TinyModels.Images(5), Enumerable.Repeat(0, 5).ToArray()).Should().HaveCount(5);
        server.Clients.Snapshot().Should().BeEquivalentTo(new[]
        {
            new ClientLedger.Usage("alice", 4, 1, 0, 1),
            new ClientLedger.Usage("bob", 5, 1, 0, 0),
        });
    }
}
