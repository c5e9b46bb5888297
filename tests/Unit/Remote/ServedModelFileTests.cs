using Repro.Harness;
using Repro.Models.Foreign;
using Repro.Remote;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Remote;

/// <summary>`repro serve --model FILE` for the audit's formats: a TorchScript or ONNX file with its metadata, served on loopback.</summary>
public class ServedModelFileTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    [Test]
    public async Task TorchScriptFile_IsServedWithItsMetadata_AndAnswersItsSoftmax()
    {
        using var scope = NewDisposeScope();
        var served = ServedModelFile.Load(Fixture("tiny.pt"));
        using var model = served.Model;
        var images = TinyModels.Images(5, seed: 2);
        await using var server = await InferenceServer.StartAsync(served, new ServeSettings());
        var settings = RemoteTestSetup.Client(server.Address, model: served.Name) with { ImagesPerRequest = 5 };
        using var client = new RemoteModelClient(settings);
        var oracle = RemoteQueryOracle.Connect(client, settings, 5, 10, chargeClean: false);

        var remote = oracle.Scores(images, Enumerable.Range(0, 5).ToArray());

        served.Name.Should().Be("tiny");
        served.Model.Should().BeOfType<TorchScriptClassifier>();
        served.Engine.Should().BeNull("a TorchScript file is served by its own forward");
        server.Metadata.ImageShape.Should().Equal(3, 32, 32);
        server.Metadata.Classes.Should().Be(10);
        Tensor local;
        using (no_grad()) local = nn.functional.softmax(served.Model.forward(images), 1);
        (remote - local).abs().max().item<float>().Should().BeLessThan(1e-6f);
    }

    [Test]
    public async Task OnnxFile_IsServedUnderOnnxRuntime_InScoreAndLabelOnlyModes()
    {
        using var scope = NewDisposeScope();
        var served = ServedModelFile.Load(Fixture(Path.Combine("onnx", "mini-server.onnx")), "mini");
        using var model = (OnnxClassifier)served.Model;
        var images = TinyModels.Images(6, seed: 3);
        Tensor runtime = model.RuntimeLogits(images);
        long[] runtimeLabels = runtime.argmax(1).data<long>().ToArray();

        await using (var scores = await InferenceServer.StartAsync(served, new ServeSettings()))
        {
            var settings = RemoteTestSetup.Client(scores.Address, model: "mini") with { ImagesPerRequest = 6 };
            using var client = new RemoteModelClient(settings);
            var remote = RemoteQueryOracle.Connect(client, settings, 6, 10, chargeClean: false).Scores(images, Enumerable.Range(0, 6).ToArray());
            (remote - nn.functional.softmax(runtime, 1)).abs().max().item<float>().Should().BeLessThan(1e-6f, "ONNX Runtime answers, as deployed");
        }
        await using (var labels = await InferenceServer.StartAsync(served, new ServeSettings { LabelOnly = true }))
        {
            var settings = RemoteTestSetup.Client(labels.Address, model: "mini");
            using var client = new RemoteModelClient(settings);
            RemoteQueryOracle.Connect(client, settings, 6, 10, chargeClean: false).Labels(images, Enumerable.Range(0, 6).ToArray())
                .Should().Equal(runtimeLabels);
        }
        served.Engine.Should().NotBeNull();
        served.Origin.Should().Contain("ONNX Runtime");
    }

    [Test]
    public void ModelFile_WithoutItsMetadata_IsRefusedNamingTheJsonExpected()
    {
        var folder = Directory.CreateTempSubdirectory("repro-serve-").FullName;
        try
        {
            var path = Path.Combine(folder, "server.pt");
            File.Copy(Fixture("tiny.pt"), path);

            var load = () => ServedModelFile.Load(path);

            load.Should().Throw<ForeignModelException>().WithMessage("*server.json*");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Test]
    public void AFileOfNoKnownKind_IsRefusedListingTheKindsServed()
    {
        var path = Path.GetTempFileName();
        try
        {
            var load = () => ServedModelFile.Load(path);

            load.Should().Throw<ForeignModelException>().WithMessage("*none of the model files*cache artifact*ONNX file*Repro architecture*TorchScript file*");
        }
        finally { File.Delete(path); }
    }
}
