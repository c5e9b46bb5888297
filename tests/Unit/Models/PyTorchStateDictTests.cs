using Repro.Models;
using Repro.Models.Layers;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Repro.Unit.Models;

public class PyTorchStateDictTests
{
    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("repro-statedict-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    static Classifier SmallMobileNet() =>
        new MobileNetV2Spec(MobileNetV2Layout.ImageNet, 0.25, 2, new[] { 1, 1, 1, 1, 1, 1, 1 }).Create(TestModels.Small(32), 5);

    [Test]
    public void Safetensors_WriteThenRead_RoundTripsEveryDtypeAndShape()
    {
        var path = Path.Combine(directory, "t.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["a.weight"] = randn(3, 2, 1, 1),
            ["a.num_batches_tracked"] = tensor(7L),
            ["b"] = tensor(new byte[] { 1, 2, 3 }),
            ["c"] = randn(4).to(float16),
        };
        SafetensorsFile.Write(path, tensors);

        var read = SafetensorsFile.Read(path);

        read.Keys.Should().BeEquivalentTo(tensors.Keys);
        foreach (var (key, value) in tensors)
        {
            read[key].dtype.Should().Be(value.dtype);
            read[key].shape.Should().Equal(value.shape);
            read[key].eq(value).all().item<bool>().Should().BeTrue(key);
        }
    }

    [Test]
    public void Safetensors_TruncatedFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(directory, "bad.safetensors");
        File.WriteAllBytes(path, new byte[] { 200, 0, 0, 0, 0, 0, 0, 0, (byte)'{' });
        var act = () => SafetensorsFile.Read(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*");
    }

    [Test]
    public void Load_SafetensorsUnderTorchvisionNames_ReproducesTheModel()
    {
        using var source = SmallMobileNet();
        TestModels.RandomizeBatchNorm(source);
        var path = Path.Combine(directory, "mobilenet_v2.safetensors");
        SafetensorsFile.Write(path, PyTorchStateDict.Export(source));

        using var target = SmallMobileNet();
        PyTorchStateDict.Load(target, path);

        source.eval(); target.eval();
        using var x = TestModels.Pixels(3, source.Input);
        using var expected = source.forward(x);
        using var actual = target.forward(x);
        TestModels.MaxAbsDifference(expected, actual).Should().Be(0);
    }

    [Test]
    public void Load_TorchSaveFileWrittenByPyBridge_ReproducesTheModel()
    {
        using var source = new ResNetSpec(ResNetBlock.Bottleneck, new[] { 1, 1 }, 8, Stem: ResNetStem.ImageNet).Create(TestModels.Small(32), 4);
        TestModels.RandomizeBatchNorm(source);
        var path = Path.Combine(directory, "resnet.pth");
        // PyBridge's pickler writes what torch.save(state_dict) writes: a zip with data.pkl and raw storages.
        PyTorchPickler.PickleStateDict(path, PyTorchStateDict.Export(source));

        using var target = new ResNetSpec(ResNetBlock.Bottleneck, new[] { 1, 1 }, 8, Stem: ResNetStem.ImageNet).Create(TestModels.Small(32), 4);
        PyTorchStateDict.Load(target, path);

        source.eval(); target.eval();
        using var x = TestModels.Pixels(2, source.Input);
        TestModels.MaxAbsDifference(source.forward(x), target.forward(x)).Should().Be(0);
    }

    [Test]
    public void Load_RealTorchvisionCheckpoint_ReproducesTorchvisionsLogits()
    {
        // Written by torch.save from torchvision 0.14's mobilenet_v2(width_mult=0.25, num_classes=10).
        var input = new InputShape(3, 32, 32, InputNormalization.ImageNetMean, InputNormalization.ImageNetStd);
        using var model = new MobileNetV2Spec(MobileNetV2Layout.ImageNet, 0.25).Create(input, 10);
        PyTorchStateDict.Load(model, TestModels.Fixture("torchvision_mobilenet_v2_w025.pth"));
        var io = PyTorchStateDict.Read(TestModels.Fixture("torchvision_mobilenet_v2_w025.io.pth"));

        model.eval();
        using var logits = model.forward(io["input"]);

        TestModels.MaxAbsDifference(logits, io["logits"]).Should().BeLessThan(1e-5);
        foreach (var t in io.Values) t.Dispose();
    }

    [Test]
    public void Load_WrongCheckpoint_ListsMissingUnexpectedAndMisshapenNames_AndLoadsNothing()
    {
        using var model = SmallMobileNet();
        var checkpoint = PyTorchStateDict.Export(model);
        checkpoint.Remove("features.0.0.weight");
        checkpoint["features.99.weight"] = zeros(1);
        checkpoint["classifier.1.weight"] = zeros(7, 1280);
        var before = model.state_dict()["last.conv.weight"].clone();
        checkpoint["features.8.0.weight"] = checkpoint["features.8.0.weight"] + 1;

        var act = () => PyTorchStateDict.Load(model, checkpoint);

        var error = act.Should().Throw<PyTorchStateDictException>().Which;
        error.Missing.Should().Equal("features.0.0.weight");
        error.Unexpected.Should().Equal("features.99.weight");
        error.ShapeMismatches.Should().ContainSingle().Which.Should().Contain("classifier.1.weight").And.Contain("[7, 1280]").And.Contain("[5, 1280]");
        error.Message.Should().Contain("features.0.0.weight").And.Contain("features.99.weight");
        model.state_dict()["last.conv.weight"].eq(before).all().item<bool>().Should().BeTrue("nothing is loaded from a checkpoint that does not fit");
    }

    [Test]
    public void Load_IntoQuantizedModel_KeepsItsObserverRanges()
    {
        using var model = SmallMobileNet();
        using var calibration = TestModels.Pixels(4, model.Input);
        TestModels.Quantize(model, calibration);
        var ranges = model.QuantizableLayers().Select(l => l.InputRange).ToList();

        PyTorchStateDict.KeyMap(model).Keys.Should().NotContain(k => k.Contains("observer"));
        PyTorchStateDict.Load(model, PyTorchStateDict.Export(model));

        model.QuantizableLayers().Select(l => l.InputRange).Should().Equal(ranges);
        model.QuantizableLayers().Should().OnlyContain(l => l.Mode == QuantizationMode.Int8);
    }

    [Test]
    public void Read_UnknownExtension_Throws()
    {
        var path = Path.Combine(directory, "weights.h5");
        File.WriteAllText(path, "x");
        var act = () => PyTorchStateDict.Read(path);
        act.Should().Throw<ArgumentException>().WithMessage("*.safetensors*");
    }
}
