using Onnx;
using Repro.Models.Onnx;
using static TorchSharp.torch;

namespace Repro.Unit.Models.Onnx;

/// <summary>The export back: a fine-tuned imported module written as the original graph with new initializers.</summary>
public class OnnxInitializerExportTests
{
    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("repro-onnx-export-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [TestCase("mini_resnet", 1e-5)]
    [TestCase("mobilenetv2_style", 1e-5)]
    // ONNX Runtime's integer kernels round differently from the float graph (OnnxEquivalenceTests): one 0.02 step of the head's input.
    [TestCase("qdq_int8", 4e-2)]
    public void Write_FineTunedModule_OnnxRuntimeReproducesItsOutputs_GraphUnchanged(string name, double tolerance)
    {
        using var scope = NewDisposeScope();
        var original = OnnxModelFile.Read(OnnxFixtures.Model(name, 17));
        using var module = new OnnxModule(original);
        var pixels = rand(new long[] { 8, 3, 32, 32 }, generator: new Generator(11));
        var labels = arange(8) % 10;
        var optimizer = optim.SGD(module.parameters(), 0.05);
        module.train();
        for (int step = 0; step < 3; step++)
        {
            optimizer.zero_grad();
            nn.functional.cross_entropy(module.forward(pixels), labels).backward();
            optimizer.step();
        }
        module.eval();
        using var before = new OnnxModule(original);
        before.eval();
        var tuned = module.forward(pixels).detach();
        (tuned - before.forward(pixels).detach()).abs().max().item<float>().Should().BeGreaterThan(1e-3f, "fine-tuning changed the outputs");

        var path = Path.Combine(directory, "tuned.onnx");
        OnnxInitializerExport.Write(module, path);

        var written = OnnxModelFile.Read(path);
        using var runtime = new OnnxRuntimeModel(written, threads: 1);
        (runtime.Run(pixels) - tuned).abs().max().item<float>().Should().BeLessThan((float)tolerance);
        Strip(written.Proto).Should().Be(Strip(original.Proto), "only initializer values change");
        using var reimported = new OnnxModule(written);
        reimported.eval();
        (reimported.forward(pixels).detach() - tuned).abs().max().item<float>().Should().BeLessThan(1e-6f);
    }

    /// <summary>The model without initializer data: what must stay byte-for-byte the same.</summary>
    static string Strip(ModelProto model)
    {
        var copy = model.Clone();
        foreach (var init in copy.Graph.Initializer)
        {
            init.RawData = Google.Protobuf.ByteString.Empty;
            init.FloatData.Clear();
        }
        return Convert.ToBase64String(Google.Protobuf.MessageExtensions.ToByteArray(copy));
    }
}
