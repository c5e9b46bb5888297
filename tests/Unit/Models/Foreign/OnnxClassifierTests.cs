using Repro.Attacks;
using Repro.Models.Foreign;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models.Foreign;

/// <summary>
/// The mini pair shipped as ONNX (examples/audit/onnx) against the same pair as TorchScript: the imported sibling is
/// the same differentiable classifier, and the server under ONNX Runtime answers the same scores.
/// </summary>
public class OnnxClassifierTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("repro-onnx-foreign-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    // Float server: one float32 engine against another. 8-bit sibling: x / scale (ONNX) vs x * (1 / scale) may round a
    // value on a boundary the other way; the logits and gradients agree far below what moves an attack.
    [TestCase("mini-server", 1e-4, 1e-6)]
    [TestCase("mini-server-int8", 2e-2, 1e-4)]
    public void Load_OnnxPairMember_MatchesTheTorchScriptFile(string name, double logitTolerance, double gradientTolerance)
    {
        using var scope = NewDisposeScope();
        using var onnx = ForeignModels.Load(Fixture($"onnx/{name}.onnx"));
        using var script = ForeignModels.Load(Fixture($"{name}.pt"));
        onnx.Should().BeOfType<OnnxClassifier>();
        onnx.Input.Should().Be(script.Input);
        var pixels = rand(new long[] { 16, 3, 32, 32 }, generator: new Generator(21));
        var labels = arange(16) % 10;
        var (onnxLogits, onnxGradient) = LogitsAndGradient(onnx, pixels, labels);
        var (scriptLogits, scriptGradient) = LogitsAndGradient(script, pixels, labels);
        float logitGap = (onnxLogits - scriptLogits).abs().max().item<float>();
        float gradientGap = (onnxGradient - scriptGradient).abs().max().item<float>();
        TestContext.Out.WriteLine($"{name}: max |dlogits| {logitGap:E2}, max |dgrad| {gradientGap:E2} (max |grad| {scriptGradient.abs().max().item<float>():E2})");
        logitGap.Should().BeLessThan((float)logitTolerance);
        gradientGap.Should().BeLessThan((float)gradientTolerance);
        using var noGrad = no_grad();
        (onnx.Features(pixels) - script.Features(pixels)).abs().max().item<float>().Should().BeLessThan((float)logitTolerance);
        (onnx.Head(onnx.Features(pixels)) - onnxLogits).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Test]
    public void RuntimeLogits_Server_EqualTheImportedModule()
    {
        using var scope = NewDisposeScope();
        using var server = OnnxClassifier.Load(Fixture("onnx/mini-server.onnx"));
        var pixels = rand(new long[] { 8, 3, 32, 32 }, generator: new Generator(2));
        using var noGrad = no_grad();
        (server.RuntimeLogits(pixels) - server.forward(pixels)).abs().max().item<float>().Should().BeLessThan(1e-4f);
    }

    [Test]
    public void ScoreOracle_OnnxRuntimeEngine_CountsAsTheModuleOracleDoes()
    {
        using var scope = NewDisposeScope();
        using var server = OnnxClassifier.Load(Fixture("onnx/mini-server.onnx"));
        var settings = new QueryAttackSettings { QueryBudget = 3, OracleBatchSize = 2 };
        var viaModule = new CountingQueryOracle(server, 2, settings);
        var viaRuntime = new CountingQueryOracle(server, 2, settings, server.RuntimeLogits);
        var images = rand(new long[] { 3, 3, 32, 32 }, generator: new Generator(4));
        int[] tags = { 0, 1, 1 };
        foreach (var oracle in new IQueryOracle[] { viaModule, viaRuntime })
        {
            oracle.ScoresOfClean(images.narrow(0, 0, 2), new[] { 0, 1 });
            oracle.Scores(images, tags);
        }
        viaRuntime.ImagesSent.Should().Equal(viaModule.ImagesSent);
        viaRuntime.QueriesCharged.Should().Equal(viaModule.QueriesCharged);
        (viaRuntime.Scores(images.narrow(0, 0, 1), new[] { 0 }) - viaModule.Scores(images.narrow(0, 0, 1), new[] { 0 })).abs().max().item<float>()
            .Should().BeLessThan(1e-6f);
        FluentActions.Invoking(() => viaRuntime.Scores(images.narrow(0, 1, 2), new[] { 1, 1 })).Should().Throw<QueryBudgetExceededException>();
        viaRuntime.QueriesCharged.Should().Equal(viaModule.QueriesCharged);
    }

    [Test]
    public void Save_FineTunedSibling_WritesOnnxThatReloadsWithItsOutputs()
    {
        using var scope = NewDisposeScope();
        using var sibling = OnnxClassifier.Load(Fixture("onnx/mini-server-int8.onnx"));
        var pixels = rand(new long[] { 8, 3, 32, 32 }, generator: new Generator(9));
        var optimizer = optim.SGD(sibling.parameters(), 0.05);
        sibling.train();
        optimizer.zero_grad();
        nn.functional.cross_entropy(sibling.forward(pixels), arange(8) % 10).backward();
        optimizer.step();
        sibling.eval();
        using var noGrad = no_grad();
        var tuned = sibling.forward(pixels);
        var path = Path.Combine(directory, "tuned.onnx");
        sibling.Save(path, sibling.Metadata with { Name = "tuned" });
        using var reloaded = ForeignModels.Load(path);
        reloaded.Architecture.DisplayName.Should().Be("tuned");
        (reloaded.forward(pixels) - tuned).abs().max().item<float>().Should().BeLessThan(1e-6f);
    }

    [TestCase("onnx/mini-server-int8.onnx")]
    [TestCase("onnx/mini-server.onnx")]
    public void Clone_OnnxClassifier_CopiesWeightsAndBuffers(string fixture)
    {
        using var scope = NewDisposeScope();
        using var source = ForeignModels.Load(Fixture(fixture));
        using var copy = Repro.Models.ModelCloning.Clone(source);
        var pixels = rand(new long[] { 4, 3, 32, 32 }, generator: new Generator(1));
        using var noGrad = no_grad();
        (copy.forward(pixels) - source.forward(pixels)).abs().max().item<float>().Should().Be(0);
    }

    static (Tensor Logits, Tensor Gradient) LogitsAndGradient(ForeignClassifier model, Tensor pixels, Tensor labels)
    {
        model.eval();
        var x = pixels.clone().requires_grad_(true);
        var logits = model.forward(x);
        var loss = nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum);
        return (logits.detach(), autograd.grad(new[] { loss }, new[] { x })[0]);
    }
}
