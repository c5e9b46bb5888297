using Google.Protobuf;
using Onnx;
using Repro.Failures;
using Repro.Models.Onnx;
using static Repro.Unit.Models.Onnx.OnnxGraphBuilder;

namespace Repro.Unit.Models.Onnx;

/// <summary>
/// A model outside what the importer implements fails while the module is built, before anything runs, with the
/// node, the operator and the attribute named; a file that is not a model fails naming the file.
/// </summary>
public class OnnxImportErrorTests
{
    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("repro-onnx-errors-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    static readonly long[] Image = { 1, 3, 8, 8 };

    [Test]
    public void Import_UnsupportedOperator_NamesNodeAndOperator()
    {
        var file = OnnxModelFile.Read(OnnxFixtures.Path("unsupported.opset17.onnx"));
        var act = () => new OnnxModule(file);
        var error = act.Should().Throw<OnnxImportException>().Which;
        error.Node.Should().Be("/LeakyRelu");
        error.Operator.Should().Be("LeakyRelu");
        error.Message.Should().Contain("unsupported.opset17.onnx").And.Contain("node '/LeakyRelu' (LeakyRelu)").And.Contain("not in the importer's set");
        Failure.Of(error).Code.Should().Be(ExitCode.BadInput);
    }

    [Test]
    public void Import_UnknownAttribute_NamesNodeOperatorAndAttribute()
    {
        var path = new OnnxGraphBuilder(17, Image).Floats("w", new long[] { 2, 3, 1, 1 }, 1, 2, 3, 4, 5, 6)
            .Node("Conv", new[] { "x", "w" }, "y", Ints("strides", 1, 1), Int("future_flag", 1)).Write(directory);
        var act = () => new OnnxModule(OnnxModelFile.Read(path));
        var error = act.Should().Throw<OnnxImportException>().Which;
        (error.Node, error.Operator, error.Attribute).Should().Be(("Conv_0", "Conv", "future_flag"));
        error.Message.Should().Contain("node 'Conv_0' (Conv): attribute 'future_flag' is not supported");
    }

    [Test]
    public void Import_AttributeValueOutsideTheSet_NamesTheValue()
    {
        var path = new OnnxGraphBuilder(17, Image).Node("MaxPool", new[] { "x" }, "y", Ints("kernel_shape", 2, 2), Int("storage_order", 1)).Write(directory);
        var act = () => new OnnxModule(OnnxModelFile.Read(path));
        act.Should().Throw<OnnxImportException>().Which.Message.Should().Contain("attribute 'storage_order' = 1 is not supported");
    }

    [Test]
    public void Import_SecondOutputRequested_IsRefused()
    {
        var path = new OnnxGraphBuilder(17, Image).Node("MaxPool", new[] { "x" }, "y", Ints("kernel_shape", 2, 2)).Write(directory);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        model.Graph.Node[0].Output.Add("indices");
        File.WriteAllBytes(path, model.ToByteArray());
        var act = () => new OnnxModule(OnnxModelFile.Read(path));
        act.Should().Throw<OnnxImportException>().Which.Message.Should().Contain("has 2 outputs (y, indices)");
    }

    [Test]
    public void Import_ForeignDomain_IsRefused()
    {
        var path = new OnnxGraphBuilder(17, Image).Node("Relu", new[] { "x" }, "y").Write(directory);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        model.Graph.Node[0].Domain = "com.microsoft";
        File.WriteAllBytes(path, model.ToByteArray());
        var act = () => new OnnxModule(OnnxModelFile.Read(path));
        act.Should().Throw<OnnxImportException>().Which.Message.Should().Contain("domain 'com.microsoft'");
    }

    [TestCase(10)]
    [TestCase(OnnxOperatorCatalog.NewestOpset + 1)]
    public void Read_OpsetOutsideRange_SaysWhichOpsetsAreRead(int opset)
    {
        var path = new OnnxGraphBuilder(opset, Image).Node("Relu", new[] { "x" }, "y").Write(directory);
        var act = () => OnnxModelFile.Read(path);
        act.Should().Throw<OnnxImportException>().Which.Message.Should()
            .Contain($"uses opset {opset}").And.Contain($"opsets {OnnxOperatorCatalog.OldestOpset} to {OnnxOperatorCatalog.NewestOpset}");
    }

    [Test]
    public void Read_ExternalWeights_AsksForThemInside()
    {
        var path = new OnnxGraphBuilder(17, Image).Floats("w", new long[] { 1 }, 1).Node("Mul", new[] { "x", "w" }, "y").Write(directory);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        model.Graph.Initializer[0].DataLocation = TensorProto.Types.DataLocation.External;
        File.WriteAllBytes(path, model.ToByteArray());
        var act = () => new OnnxModule(OnnxModelFile.Read(path));
        act.Should().Throw<OnnxImportException>().Which.Message.Should().Contain("tensor 'w' keeps its data in an external file");
    }

    [Test]
    public void Read_NotAModel_NamesTheFile()
    {
        var path = Path.Combine(directory, "garbage.onnx");
        File.WriteAllBytes(path, Enumerable.Range(0, 300).Select(i => (byte)(i * 37 + 11)).ToArray());
        var act = () => OnnxModelFile.Read(path);
        var error = act.Should().Throw<InvalidDataException>().Which;
        error.Message.Should().Contain(path).And.Contain("not an ONNX model");
        Failure.Of(error).Code.Should().Be(ExitCode.BadInput);
    }

    [Test]
    public void Read_TruncatedModel_NamesTheFile()
    {
        var bytes = File.ReadAllBytes(OnnxFixtures.Model("mini_resnet", 17));
        var path = Path.Combine(directory, "truncated.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var act = () => OnnxModelFile.Read(path);
        act.Should().Throw<InvalidDataException>().Which.Message.Should().Contain(path);
    }

    [Test]
    public void Read_MissingFile_NamesThePath()
    {
        var path = Path.Combine(directory, "absent.onnx");
        var act = () => OnnxModelFile.Read(path);
        act.Should().Throw<FileNotFoundException>().Which.Message.Should().Contain(path);
    }
}
