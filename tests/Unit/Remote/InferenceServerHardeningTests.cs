using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Repro.Remote;
using Repro.Unit.Fakes;

namespace Repro.Unit.Remote;

/// <summary>
/// `repro serve` as a service one can expose: any malformed request is a 400 with a JSON message, never a 500; a body over
/// the limit is refused before it is read, as is an over-quota client; the quota cannot be reset by a header; API keys gate
/// and count; no answer names a file.
/// </summary>
[NonParallelizable]
public class InferenceServerHardeningTests
{
    static string ErrorOf(string body) => JsonNode.Parse(body)!["error"]!.GetValue<string>();

    static ByteArrayContent Json(string text) => new(Encoding.UTF8.GetBytes(text));

    static string ValidRequest(int images = 1) =>
        $"{{\"id\": \"r\", \"inputs\": [{{\"name\": \"input\", \"shape\": [{images}, 3, 32, 32], \"datatype\": \"FP32\", \"data\": [{string.Join(",", Enumerable.Repeat("0.5", images * 3072))}]}}]}}";

    [TestCase("{\"inputs\": [{\"shape\": [1, 3, 32, 32], \"datatype\": \"FP32\", \"data\": [0]}]}")]
    [TestCase("{\"inputs\": [1]}")]
    [TestCase("{\"inputs\": [{\"name\": 5, \"shape\": [1, 3, 32, 32], \"datatype\": \"FP32\", \"data\": [0]}]}")]
    [TestCase("{\"inputs\": [{\"name\": \"input\", \"shape\": [0, 3, 32, 32], \"datatype\": \"FP32\", \"data\": []}]}")]
    [TestCase("{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3, 32, 32], \"datatype\": \"FP32\", \"data\": [0]}], \"outputs\": [{\"name\": 5}]}")]
    [TestCase("{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3, 32, 32], \"datatype\": \"FP32\", \"data\": [0]}], \"outputs\": [1]}")]
    [TestCase("[1, 2]")]
    [TestCase("\"inputs\"")]
    public async Task AMalformedRequest_Is400WithAJsonMessage(string body)
    {
        using var model = TinyModels.ResNet();
        await using var server = await RemoteTestSetup.Serve(model);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.PostAsync("v2/models/tiny/infer", Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode.Parse(text)!["error"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace()
            .And.NotContainAny(DotNetPhrases).And.MatchRegex("(inputs|outputs|name|request|image|JSON|tensor|shape|data)");
    }

    /// <summary>What .NET's JSON reader says; a client is told about the protocol's fields instead.</summary>
    static readonly string[] DotNetPhrases = { "The given key", "requested operation", "element of type", "ValueKind", "System." };

    /// <summary>JSON values of every kind, nested a few levels: what a careless or hostile client could send anywhere.</summary>
    static readonly Gen<JsonNode?> AnyValue = Gen.Recursive<JsonNode?>((depth, self) => depth >= 3
        ? Gen.OneOf(Gen.Const((JsonNode?)null), Gen.Int[-5, 5].Select(i => (JsonNode?)JsonValue.Create(i)), Gen.String[0, 6].Select(s => (JsonNode?)JsonValue.Create(s)), Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)))
        : Gen.OneOf(
            Gen.Const((JsonNode?)null), Gen.Int[-5, 5].Select(i => (JsonNode?)JsonValue.Create(i)), Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0)),
            Gen.String[0, 6].Select(s => (JsonNode?)JsonValue.Create(s)), Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            self.Array[0, 3].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray())),
            Gen.Select(Gen.OneOf(Gen.Const("name"), Gen.Const("shape"), Gen.Const("datatype"), Gen.Const("data"), Gen.String[0, 4]), self).Array[0, 3]
                .Select(pairs => { var o = new JsonObject(); foreach (var (k, v) in pairs) o[k] = v?.DeepClone(); return (JsonNode?)o; })));

    /// <summary>The protocol's request with one field replaced, removed or left as it is.</summary>
    static readonly Gen<string> Requests = Gen.Select(
        Gen.OneOf(Gen.Const("id"), Gen.Const("inputs"), Gen.Const("inputs.0"), Gen.Const("inputs.0.name"), Gen.Const("inputs.0.shape"), Gen.Const("inputs.0.datatype"),
            Gen.Const("inputs.0.data"), Gen.Const("outputs"), Gen.Const("outputs.0"), Gen.Const("outputs.0.name"), Gen.Const("parameters"), Gen.Const("")),
        AnyValue, Gen.Bool).Select((path, value, remove) =>
    {
        var request = JsonNode.Parse("{\"id\": \"r\", \"inputs\": [{\"name\": \"input\", \"shape\": [1, 3, 32, 32], \"datatype\": \"FP32\", \"data\": [" +
            string.Join(",", Enumerable.Repeat("0.25", 3072)) + "]}], \"outputs\": [{\"name\": \"probabilities\"}]}")!;
        if (path.Length == 0) return value?.ToJsonString() ?? "null";
        var parts = path.Split('.');
        JsonNode parent = request;
        foreach (var part in parts[..^1]) parent = int.TryParse(part, out int i) ? parent[i]! : parent[part]!;
        var last = parts[^1];
        if (parent is JsonArray array) array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
        else if (remove) parent.AsObject().Remove(last);
        else parent[last] = value;
        return request.ToJsonString();
    });

    [Test]
    public async Task AnyJsonShapeOfARequest_IsAnsweredAndNeverWithA500()
    {
        using var model = TinyModels.ResNet();
        await using var server = await RemoteTestSetup.Serve(model);
        using var http = new HttpClient { BaseAddress = server.Address };
        var seen = new HashSet<HttpStatusCode>();

        // CsCheck drives the cases (seeded, shrinking a failure to its smallest request); each is sent for real.
        Requests.Sample(body =>
        {
            using var response = http.PostAsync("v2/models/tiny/infer", Json(body)).GetAwaiter().GetResult();
            seen.Add(response.StatusCode);
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest && JsonNode.Parse(text) is JsonObject answer
                && (response.StatusCode == HttpStatusCode.OK || !DotNetPhrases.Any(answer["error"]!.GetValue<string>().Contains));
        }, iter: 300, threads: 1, seed: "0N0XIzNsQ0O2");

        seen.Should().Contain(HttpStatusCode.BadRequest).And.Contain(HttpStatusCode.OK);
    }

    [Test]
    public async Task ABodyOverTheLimit_Is413BeforeItIsRead()
    {
        using var model = TinyModels.ResNet();
        await using var server = await RemoteTestSetup.Serve(model, new ServeSettings { MaxImagesPerRequest = 2 });
        using var http = new HttpClient { BaseAddress = server.Address };
        server.BodyLimit.Should().Be(ServeSettings.BodyLimitFor(2, 3072));

        using var fits = await http.PostAsync("v2/models/tiny/infer", Json(ValidRequest(2)));
        using var over = await http.PostAsync("v2/models/tiny/infer", new ByteArrayContent(new byte[server.BodyLimit + 1]));

        fits.StatusCode.Should().Be(HttpStatusCode.OK);
        over.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        ErrorOf(await over.Content.ReadAsStringAsync()).Should().Contain("over this server's limit");
    }

    [Test]
    public async Task AnOverQuotaClient_Gets429BeforeItsBodyIsRead()
    {
        using var model = TinyModels.ResNet();
        await using var server = await RemoteTestSetup.Serve(model, new ServeSettings { QueryLimitPerClient = 1 });
        using var http = new HttpClient { BaseAddress = server.Address };

        (await http.PostAsync("v2/models/tiny/infer", Json(ValidRequest()))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var garbage = await http.PostAsync("v2/models/tiny/infer", Json("this is not JSON"));

        garbage.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the body, which would be a 400, was never read");
    }

    [Test]
    public async Task TheQueryLimit_IsNotResetByANewClientIdHeader()
    {
        using var model = TinyModels.ResNet();
        await using var server = await RemoteTestSetup.Serve(model, new ServeSettings { QueryLimitPerClient = 1 });
        using var http = new HttpClient { BaseAddress = server.Address };

        var statuses = new List<HttpStatusCode>();
        foreach (var id in new[] { "alice", "bob", "carol" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v2/models/tiny/infer") { Content = Json(ValidRequest()) };
            request.Headers.Add(ClientLedger.ClientHeader, id);
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task WithApiKeys_AnUnknownKeyIs401_AndTheLimitCountsPerKey()
    {
        using var model = TinyModels.ResNet();
        var keys = new Dictionary<string, string> { ["alice-0123456789abcdef"] = "alice", ["bob-0123456789abcdef00"] = "bob" };
        await using var server = await RemoteTestSetup.Serve(model, new ServeSettings { QueryLimitPerClient = 1, ApiKeys = keys });
        using var http = new HttpClient { BaseAddress = server.Address };

        async Task<HttpStatusCode> Send(string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v2/models/tiny/infer") { Content = Json(ValidRequest()) };
            if (key is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        (await Send(null)).Should().Be(HttpStatusCode.Unauthorized);
        (await Send("mallory-0123456789abcd")).Should().Be(HttpStatusCode.Unauthorized);
        (await Send("alice-0123456789abcdef")).Should().Be(HttpStatusCode.OK);
        (await Send("alice-0123456789abcdef")).Should().Be(HttpStatusCode.TooManyRequests);
        (await Send("bob-0123456789abcdef00")).Should().Be(HttpStatusCode.OK);
        server.Clients.Snapshot().Select(c => c.Client).Should().BeEquivalentTo("alice", "bob");
    }

    [Test]
    public async Task AnUnknownModel_Is404NamingTheServedModelButNoFile()
    {
        using var model = TinyModels.ResNet();
        await using var server = await InferenceServer.StartAsync(new ServedModel("tiny", model, "TorchScript file /home/provider/secret/models/server.pt"), new ServeSettings());
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync("v2/models/other");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var text = ErrorOf(await response.Content.ReadAsStringAsync());
        text.Should().Contain("'tiny'").And.NotContain("/home/provider").And.NotContain("server.pt");
    }

    [Test]
    public void AnApiKeyFile_WithAShortOrRepeatedKey_IsRefusedNamingTheLine()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# keys\nalice alice-0123456789abcdef\nbob short\n");
            FluentActions.Invoking(() => ApiKeyFile.Read(path)).Should().Throw<InvalidDataException>().WithMessage("*line 3*at least 16 characters*");
            File.WriteAllText(path, "alice alice-0123456789abcdef\nbob alice-0123456789abcdef\n");
            FluentActions.Invoking(() => ApiKeyFile.Read(path)).Should().Throw<InvalidDataException>().WithMessage("*line 2*listed twice*");
            File.WriteAllText(path, "alice alice-0123456789abcdef\nbob-0123456789abcdef00\n");
            ApiKeyFile.Read(path).Should().BeEquivalentTo(new Dictionary<string, string> { ["alice-0123456789abcdef"] = "alice", ["bob-0123456789abcdef00"] = "key-bob-01" });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
