using Repro.Attacks;
using Repro.Models;
using Repro.Models.Foreign;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models.Foreign;

public class TorchScriptClassifierTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("repro-foreign-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    /// <summary>A copy of a fixture model in the test folder, with <paramref name="metadata"/> (JSON) beside it instead of its own.</summary>
    string CopyWithMetadata(string fixture, string metadata)
    {
        var path = Path.Combine(directory, "model.pt");
        File.Copy(Fixture(fixture), path, overwrite: true);
        File.WriteAllText(Path.Combine(directory, "model.json"), metadata);
        return path;
    }

    static string Cifar(string extra = "") =>
        "{\"height\": 32, \"width\": 32, \"classes\": [\"airplane\", \"automobile\", \"bird\", \"cat\", \"deer\", \"dog\", \"frog\", \"horse\", \"ship\", \"truck\"]" + extra + "}";

    [Test]
    public void Load_TakesPixelsAndGivesLogitsAndFeatures()
    {
        using var model = TorchScriptClassifier.Load(Fixture("tiny.pt"));
        using var x = rand(4, 3, 32, 32);

        using var logits = model.forward(x);
        using var features = model.Features(x);

        logits.shape.Should().Equal(4, 10);
        features.shape.Should().Equal(4, 8);
        model.FeatureDimension.Should().Be(8);
        model.FeaturesUnavailable.Should().BeNull();
        model.Classes.Should().Be(10);
        model.Architecture.Describe().Should().StartWith("TorchScript(tiny;sha256=");
    }

    [Test]
    public void Load_WithoutExportedFeatures_SaysActivationsAreNotMeasurable()
    {
        using var model = TorchScriptClassifier.Load(Fixture("tiny-nofeatures.pt"));
        using var x = rand(2, 3, 32, 32);

        model.FeaturesUnavailable.Should().Contain("not measurable");
        model.Invoking(m => m.Features(x)).Should().Throw<NotSupportedException>();
        using var logits = model.forward(x);
        logits.shape.Should().Equal(2, 10);
    }

    [Test]
    public void ForwardOnlyAndSplitExports_OfTheSameWeights_GiveTheSameLogits()
    {
        using var split = TorchScriptClassifier.Load(Fixture("tiny.pt"));
        using var plain = TorchScriptClassifier.Load(Fixture("tiny-nofeatures.pt"));
        using var probabilities = TorchScriptClassifier.Load(Fixture("tiny-probabilities.pt"));
        using var x = rand(3, 3, 32, 32);

        using var a = split.forward(x);
        using var b = plain.forward(x);
        using var c = probabilities.forward(x);

        (a - b).abs().max().item<float>().Should().BeLessThan(1e-5f);
        // log-probabilities differ from logits by a constant per row: the same softmax.
        (nn.functional.softmax(a, 1) - nn.functional.softmax(c, 1)).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Test]
    public void InputGradient_FlowsThroughTheScriptModule()
    {
        using var model = TorchScriptClassifier.Load(Fixture("tiny.pt"));
        using var x = rand(2, 3, 32, 32);
        using var labels = tensor(new long[] { 1, 2 });

        using var gradient = CrossEntropyInputGradient.Of(model, x, labels);

        gradient.shape.Should().Equal(2, 3, 32, 32);
        gradient.abs().sum().item<float>().Should().BeGreaterThan(0);
    }

    [Test]
    public void Parameters_AreTheScriptModulesAndTrainInPlace_ThenSaveBackAsTorchScript()
    {
        using var model = TorchScriptClassifier.Load(Fixture("tiny.pt"));
        model.parameters().Count().Should().Be(6);   // conv, bn and fc weight and bias
        using var x = rand(8, 3, 32, 32);
        using var labels = tensor(new long[] { 0, 1, 2, 3, 4, 5, 6, 7 });
        using var before = model.forward(x).detach();
        var optimizer = optim.SGD(model.parameters(), 0.5);
        model.train();
        using (var loss = nn.functional.cross_entropy(model.forward(x), labels)) loss.backward();
        optimizer.step();
        model.eval();
        using var after = model.forward(x).detach();
        (after - before).abs().max().item<float>().Should().BeGreaterThan(1e-4f);

        var saved = Path.Combine(directory, "tuned.pt");
        model.Save(saved);
        using var reloaded = TorchScriptClassifier.Load(saved);
        using var again = reloaded.forward(x);

        (again - after).abs().max().item<float>().Should().BeLessThan(1e-5f);
        File.Exists(Path.Combine(directory, "tuned.json")).Should().BeTrue();
        reloaded.Architecture.Describe().Should().NotBe(model.Architecture.Describe());
    }

    [TestCase("tiny.pt")]
    [TestCase("mini-server-int8.pt")]
    public void Clone_CopiesTheCurrentWeights(string fixture)
    {
        using var model = TorchScriptClassifier.Load(Fixture(fixture));
        using (no_grad()) model.parameters().Last().add_(0.5f);   // a weight changed in memory travels with the copy
        using var copy = ModelCloning.Clone(model);
        using var x = rand(2, 3, 32, 32);

        using var a = model.forward(x);
        using var b = copy.forward(x);

        (a - b).abs().max().item<float>().Should().BeLessThan(1e-6f);
        copy.parameters().First().Should().NotBeSameAs(model.parameters().First());
    }

    [Test]
    public void BgrMetadata_ReordersTheChannelsBeforeNormalising()
    {
        using var bgr = TorchScriptClassifier.Load(Fixture("tiny-bgr.pt"));
        using var rgb = TorchScriptClassifier.Load(Fixture("tiny-nofeatures.pt"));
        using var x = rand(2, 3, 32, 32);
        // The BGR model normalised x[:, ::-1] with ImageNet statistics; the same network on RGB with those statistics reversed.
        var mean = new[] { 0.406f, 0.456f, 0.485f };
        var std = new[] { 0.225f, 0.224f, 0.229f };
        using var m = tensor(mean).reshape(1, 3, 1, 1);
        using var s = tensor(std).reshape(1, 3, 1, 1);
        using var cifarMean = tensor(new[] { 0.4914f, 0.4822f, 0.4465f }).reshape(1, 3, 1, 1);
        using var cifarStd = tensor(new[] { 0.247f, 0.2435f, 0.2616f }).reshape(1, 3, 1, 1);
        // x' such that (x' - cifarMean) / cifarStd == (flip(x) - m) / s.
        using var equivalent = (x.flip(1) - m) / s * cifarStd + cifarMean;

        using var a = bgr.forward(x);
        using var b = rgb.forward(equivalent);

        (a - b).abs().max().item<float>().Should().BeLessThan(1e-4f);
    }

    [Test]
    public void MissingFile_NamesThePath()
    {
        var path = Path.Combine(directory, "absent.pt");
        FluentActions.Invoking(() => TorchScriptClassifier.Load(path, new ModelMetadata { Height = 32, Width = 32, Classes = new[] { "a", "b" } }))
            .Should().Throw<ForeignModelException>().WithMessage($"*'{path}' does not exist*");
    }

    [Test]
    public void MissingMetadata_SaysWhereItIsExpectedAndWhatItHolds()
    {
        var path = Path.Combine(directory, "model.pt");
        File.Copy(Fixture("tiny.pt"), path);

        FluentActions.Invoking(() => TorchScriptClassifier.Load(path))
            .Should().Throw<ForeignModelException>().WithMessage("*no metadata file*model.json*\"height\"*");
    }

    [Test]
    public void CorruptFile_IsNotTorchScript()
    {
        var path = Path.Combine(directory, "model.pt");
        File.WriteAllBytes(path, new byte[] { 1, 2, 3, 4, 5 });
        File.WriteAllText(Path.Combine(directory, "model.json"), Cifar());

        FluentActions.Invoking(() => TorchScriptClassifier.Load(path))
            .Should().Throw<ForeignModelException>().WithMessage("*is not a TorchScript file*");
    }

    [Test]
    public void WrongInputSize_IsCaughtBeforeAnyAttack()
    {
        // The tiny CNN pools globally, so it runs at any size; the wrong size shows as a failed forward on a model that cannot.
        var path = CopyWithMetadata("tiny.pt", Cifar().Replace("\"height\": 32, \"width\": 32", "\"channels\": 1, \"height\": 32, \"width\": 32"));

        FluentActions.Invoking(() => TorchScriptClassifier.Load(path))
            .Should().Throw<ForeignModelException>().WithMessage("*fails on an input of shape [2, 1, 32, 32]*");
    }

    [Test]
    public void ClassCountMismatch_NamesBothCounts()
    {
        var path = CopyWithMetadata("tiny.pt", "{\"height\": 32, \"width\": 32, \"classes\": [\"cat\", \"dog\"]}");

        FluentActions.Invoking(() => TorchScriptClassifier.Load(path))
            .Should().Throw<ForeignModelException>().WithMessage("*10 scores per image but its metadata lists 2 classes*");
    }

    [Test]
    public void NanOutputs_AreRefusedAtLoad()
    {
        FluentActions.Invoking(() => TorchScriptClassifier.Load(Fixture("nan.pt")))
            .Should().Throw<ForeignModelException>().WithMessage("*NaN or infinite outputs*");
    }

    [Test]
    public void ProbabilitiesClaimedForLogits_IsRefused()
    {
        var path = CopyWithMetadata("tiny-nofeatures.pt", Cifar(", \"output\": \"probabilities\""));

        FluentActions.Invoking(() => TorchScriptClassifier.Load(path))
            .Should().Throw<ForeignModelException>().WithMessage("*not distributions*");
    }

    [TestCase("{\"height\": 32, \"width\": 32, \"classes\": [\"a\"]}", "*at least 2 class names*")]
    [TestCase("{\"height\": 0, \"width\": 32, \"classes\": [\"a\", \"b\"]}", "*height and width must be positive*")]
    [TestCase("{\"height\": 32, \"width\": 32, \"classes\": [\"a\", \"b\"], \"mean\": [0.5, 0.5, 0.5]}", "*mean and std come together*")]
    [TestCase("{\"height\": 32, \"width\": 32, \"classes\": [\"a\", \"b\"], \"output\": \"scores\"}", "*does not read*")]
    [TestCase("{\"height\": 32, \"width\": 32, \"classes\": [\"a\", \"b\"], \"colour\": \"RGB\"}", "*does not read*colour*")]
    [TestCase("{\"height\": 32, \"width\": 32, \"classes\": [\"a\", \"b\"], \"featuresMethod\": \"features\"}", "*featuresMethod and headMethod come together*")]
    [TestCase("not json", "*does not read*")]
    public void MalformedMetadata_NamesTheFileAndTheField(string json, string expected)
    {
        var path = CopyWithMetadata("tiny.pt", json);

        FluentActions.Invoking(() => TorchScriptClassifier.Load(path))
            .Should().Throw<ForeignModelException>().WithMessage(expected).Where(e => e.Message.Contains("model.json"));
    }
}
