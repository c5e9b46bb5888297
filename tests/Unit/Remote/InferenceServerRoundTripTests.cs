using System.Net;
using System.Text;
using Repro.Attacks;
using Repro.Remote;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Remote;

/// <summary>`repro serve` and the remote oracle on loopback: the protocol carries the local model's answers in every mode.</summary>
public class InferenceServerRoundTripTests
{
    [Test]
    public async Task ScoreMode_ScoresEqualTheLocalModelsSoftmax()
    {
        using var scope = NewDisposeScope();
        var model = TinyModels.ResNet(seed: 3);
        var images = TinyModels.Images(5, seed: 4);
        await using var server = await RemoteTestSetup.Serve(model);
        var settings = RemoteTestSetup.Client(server.Address) with { ImagesPerRequest = 2 };
        using var client = new RemoteModelClient(settings);
        var oracle = RemoteQueryOracle.Connect(client, settings, sampleCount: 5, budget: 100, chargeClean: false);

        var remote = oracle.Scores(images, new[] { 0, 1, 2, 3, 4 });

        Tensor local;
        using (no_grad()) local = nn.functional.softmax(model.forward(images), 1);
        remote.shape.Should().Equal(5, 10);
        (remote - local).abs().max().item<float>().Should().BeLessThan(1e-5f);
        oracle.Model.ReturnsScores.Should().BeTrue();
        oracle.QueriesCharged.Should().Equal(1, 1, 1, 1, 1);
        server.Clients.TotalImagesAnswered.Should().Be(5);
        client.Traffic.Answered.Should().Be(3, "5 images in requests of at most 2");
    }

    [Test]
    public async Task LabelOnlyMode_AnswersTheLocalTop1AndRefusesScores()
    {
        using var scope = NewDisposeScope();
        var model = TinyModels.ResNet(seed: 3);
        var images = TinyModels.Images(6, seed: 5);
        await using var server = await RemoteTestSetup.Serve(model, new ServeSettings { LabelOnly = true });
        var settings = RemoteTestSetup.Client(server.Address);
        using var client = new RemoteModelClient(settings);
        var oracle = RemoteQueryOracle.Connect(client, settings, 6, 100, chargeClean: false);

        var labels = oracle.Labels(images, Enumerable.Range(0, 6).ToArray());

        long[] local;
        using (no_grad()) local = model.forward(images).argmax(1).data<long>().ToArray();
        labels.Should().Equal(local);
        oracle.Model.ReturnsScores.Should().BeFalse();
        var scores = () => oracle.Scores(images, Enumerable.Range(0, 6).ToArray());
        scores.Should().Throw<RemoteEndpointException>().WithMessage("*labels only*label-only attack*");
    }

    [Test]
    public async Task EightBitMode_TheServerSeesEachImageRoundedToItsNearest8BitLevel()
    {
        using var scope = NewDisposeScope();
        var model = TinyModels.ResNet(seed: 3);
        var images = TinyModels.Images(4, seed: 6);
        await using var server = await RemoteTestSetup.Serve(model, new ServeSettings { EightBitInput = true });
        var settings = RemoteTestSetup.Client(server.Address);
        using var client = new RemoteModelClient(settings);
        var oracle = RemoteQueryOracle.Connect(client, settings, 4, 100, chargeClean: false);

        var remote = oracle.Scores(images, new[] { 0, 1, 2, 3 });

        Tensor rounded, unrounded;
        using (no_grad())
        {
            rounded = nn.functional.softmax(model.forward(EightBitPixels.Round(images)), 1);
            unrounded = nn.functional.softmax(model.forward(images), 1);
        }
        oracle.Model.TakesEightBitImages.Should().BeTrue();
        (remote - rounded).abs().max().item<float>().Should().BeLessThan(1e-6f);
        (remote - unrounded).abs().max().item<float>().Should().BeGreaterThan(1e-6f, "the rounding must have changed what the server saw");
    }

    [Test]
    public void EightBitPixels_RoundsToTheNearestLevel()
    {
        var levels = new[] { 0f, 0.4f, 0.6f, 12.4f, 12.6f, 254.6f, 255f };
        using var pixels = tensor(levels.Select(v => v / 255f).ToArray()).view(1, 1, 1, levels.Length);
        using var bytes = EightBitPixels.ToBytes(pixels);
        bytes.data<byte>().ToArray().Should().Equal(0, 0, 1, 12, 13, 255, 255);
        using var back = EightBitPixels.Round(pixels);
        back.data<float>().ToArray().Should().Equal(new[] { 0, 0, 1, 12, 13, 255, 255 }.Select(v => v / 255f));
    }

    [Test]
    public async Task EightBitServer_RefusesFloatInputWithAClearMessage()
    {
        using var model = TinyModels.ResNet();
        await using var server = await RemoteTestSetup.Serve(model, new ServeSettings { EightBitInput = true });
        using var http = new HttpClient { BaseAddress = server.Address };
        var body = OpenInferenceProtocol.WriteRequest("x", InferenceTensor.OfFloats("input", new long[] { 1, 3, 32, 32 }, new float[3072]), "probabilities");

        using var response = await http.PostAsync("v2/models/tiny/infer", new ByteArrayContent(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("datatype FP32; expected UINT8").And.Contain("8-bit images only");
    }

    [Test]
    public async Task Server_AnswersTheProtocolsHealthAndMetadata()
    {
        using var model = TinyModels.ResNet();
        await using var server = await RemoteTestSetup.Serve(model, new ServeSettings { LabelOnly = true, EightBitInput = true });
        using var http = new HttpClient { BaseAddress = server.Address };

        (await http.GetStringAsync("v2/health/live")).Should().Contain("\"live\":true");
        (await http.GetStringAsync("v2/health/ready")).Should().Contain("\"ready\":true");
        (await http.GetStringAsync("v2/models/tiny/ready")).Should().Contain("\"ready\":true");
        var metadata = ModelMetadata.Parse(await http.GetStringAsync("v2/models/tiny"));
        metadata.Should().BeEquivalentTo(new ModelMetadata("tiny", "input", "UINT8", new[] { 3, 32, 32 }, "label", "INT64", null));
        (await http.GetAsync("v2/models/other")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
