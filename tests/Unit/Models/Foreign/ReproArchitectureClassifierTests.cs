using Repro.Models;
using Repro.Models.Foreign;
using Repro.Profiles;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models.Foreign;

/// <summary>A Repro architecture's weights as the audit reads them: the same logits as the network they were saved from, and bad files refused by name before any use.</summary>
public class ReproArchitectureClassifierTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("repro-weights-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    string PathOf(string stem, string format) => Path.Combine(directory, stem + ReproWeightsFiles.Extension(format));

    static ForeignClassifier Load(string path) => ForeignModels.Load(path, KnownArchitectures.All);

    [TestCase("safetensors", ModelFileKind.Safetensors)]
    [TestCase("safetensors-reference", ModelFileKind.Safetensors)]
    [TestCase("torch-save", ModelFileKind.TorchSaveStateDict)]
    [TestCase("torchsharp", ModelFileKind.Other)]
    public void Load_GivesTheLogitsOfTheNetworkItWasSavedFrom(string format, ModelFileKind kind)
    {
        using var source = ReproWeightsFiles.Network();
        var path = ReproWeightsFiles.Write(source, PathOf("device", format), format);

        using var loaded = Load(path);

        loaded.Should().BeOfType<ReproArchitectureClassifier>().Which.Format.Should().Be(kind);
        loaded.Architecture.Describe().Should().StartWith($"Repro(device;{ReproWeightsFiles.Architecture.Describe()};sha256=");
        ReproWeightsFiles.MaxDifference(source, loaded).Should().BeLessThan(1e-5);
        using var x = TestModels.Pixels(3, InputShape.Cifar10, seed: 9);
        using var features = loaded.Features(x);
        using var sourceFeatures = source.Features(x);
        (features - sourceFeatures).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Test]
    public void AnOfaSubnetwork_IsAKnownArchitecture_AndItsWeightsLoadToItsLogits()
    {
        var subnet = KnownArchitectures.All.OfType<Repro.Models.OnceForAll.OfaSubnetSpec>()
            .First(s => s.Config == Repro.Models.OnceForAll.OfaSubnetConfig.Smallest);
        using var source = ReproWeightsFiles.Network(architecture: subnet);
        var path = ReproWeightsFiles.Write(source, PathOf("ofa", "safetensors"), "safetensors",
            ReproWeightsFiles.Metadata(architecture: subnet.Describe()));

        using var loaded = Load(path);

        loaded.Architecture.Describe().Should().Contain(subnet.Describe());
        ReproWeightsFiles.MaxDifference(source, loaded).Should().BeLessThan(1e-5);
    }

    [TestCase("safetensors")]
    [TestCase("safetensors-reference")]
    [TestCase("torch-save")]
    [TestCase("torchsharp")]
    public void Save_WritesTheSameFormatAndNames_AndReadsBackToTheSameLogits(string format)
    {
        using var source = ReproWeightsFiles.Network();
        var path = ReproWeightsFiles.Write(source, PathOf("device", format), format);
        using var loaded = (ReproArchitectureClassifier)Load(path);
        using (no_grad())
            foreach (var p in loaded.parameters()) p.mul_(1.01);
        var target = PathOf("device-hardened", format);

        loaded.Save(target, loaded.Metadata with { Hardening = "test" });
        using var reloaded = (ReproArchitectureClassifier)Load(target);

        ModelFileKinds.Of(target).Should().Be(loaded.Format);
        reloaded.Metadata.Hardening.Should().Be("test");
        reloaded.Metadata.Architecture.Should().Be(ReproWeightsFiles.Architecture.Describe());
        ReproWeightsFiles.MaxDifference(loaded, reloaded).Should().BeLessThan(1e-6);
        ReproWeightsFiles.MaxDifference(source, reloaded).Should().BeGreaterThan(1e-4, "the changed weights were written, not the file's");
        if (format != "torchsharp")
        {
            Names(target, format).Should().BeEquivalentTo(Names(path, format), "written back under the names it came with");
        }
        Directory.GetFiles(directory, ".*.tmp").Should().BeEmpty();
    }

    static List<string> Names(string path, string format)
    {
        var tensors = format == "torch-save" ? PyTorchStateDict.ReadTorchSave(path) : SafetensorsFile.Read(path);
        foreach (var t in tensors.Values) t.Dispose();
        return tensors.Keys.ToList();
    }

    [Test]
    public void Copy_IsIndependent_AndHasTheSameLogits()
    {
        using var source = ReproWeightsFiles.Network();
        using var loaded = Load(ReproWeightsFiles.Write(source, PathOf("device", "safetensors"), "safetensors"));

        using var copy = loaded.Copy();
        ReproWeightsFiles.MaxDifference(loaded, copy).Should().BeLessThan(1e-6);
        copy.train();
        copy.modules().Should().OnlyContain(m => m.training, "fine-tuning trains the network's batch norms too");
        loaded.modules().Should().OnlyContain(m => !m.training);
        using (no_grad())
            foreach (var p in copy.parameters()) p.zero_();
        ReproWeightsFiles.MaxDifference(source, loaded).Should().BeLessThan(1e-5);
    }

    [Test]
    public void WeightsOfAnotherArchitecture_AreRefusedListingTheMismatchedTensors()
    {
        var wider = MiniProfile.Server;
        using var other = ReproWeightsFiles.Network(architecture: wider);
        var path = ReproWeightsFiles.Write(other, PathOf("device", "safetensors"), "safetensors");

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage($"*device.safetensors' does not hold the weights of {ReproWeightsFiles.Architecture.Describe()}*");
    }

    [Test]
    public void ATorchSharpFileOfAnotherArchitecture_IsRefusedWithTorchSharpsReason()
    {
        var wider = MiniProfile.Server;
        using var other = ReproWeightsFiles.Network(architecture: wider);
        var path = ReproWeightsFiles.Write(other, PathOf("device", "torchsharp"), "torchsharp");

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage($"*device.bin' is not a weights file of {ReproWeightsFiles.Architecture.Describe()}*TorchSharp's model.load refuses it (*");
    }

    [Test]
    public void WeightsWithANaN_AreRefusedBeforeAnyUse()
    {
        using var source = ReproWeightsFiles.Network();
        using (no_grad()) source.parameters().Last().fill_(float.NaN);
        var path = ReproWeightsFiles.Write(source, PathOf("device", "safetensors"), "safetensors");

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage("*device.safetensors: forward returns NaN or infinite outputs*");
    }

    [Test]
    public void AHeadOfOtherClasses_IsRefusedNamingTheShapes()
    {
        using var source = ReproWeightsFiles.Network();
        var path = ReproWeightsFiles.Write(source, PathOf("device", "safetensors"), "safetensors", ReproWeightsFiles.Metadata(classes: 5));

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage("*with another shape*file [10*vs model [5*");
    }

    [Test]
    public void MissingTensors_AreRefusedNamingThem()
    {
        using var source = ReproWeightsFiles.Network();
        var state = source.state_dict().Where(kv => !kv.Key.StartsWith("head", StringComparison.Ordinal) && !kv.Key.Contains("linear", StringComparison.Ordinal) && !kv.Key.Contains("fc", StringComparison.Ordinal))
            .Skip(1).ToDictionary(kv => kv.Key, kv => kv.Value);
        var path = PathOf("device", "safetensors");
        SafetensorsFile.Write(path, state);
        File.WriteAllText(ModelMetadata.PathBeside(path), ReproWeightsFiles.Metadata());

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage($"*missing: {source.state_dict().Keys.First()}*");
    }

    [Test]
    public void AnUnknownArchitecture_IsRefusedListingTheKnownOnes()
    {
        using var source = ReproWeightsFiles.Network();
        var path = ReproWeightsFiles.Write(source, PathOf("device", "safetensors"), "safetensors", ReproWeightsFiles.Metadata("ResNet(basic;9-9;w3;stem2)"));

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage($"*device.json*ResNet(basic;9-9;w3;stem2)*none this build of Repro knows*{ReproWeightsFiles.Architecture.Describe()}*");
    }

    [Test]
    public void WeightsWithoutMetadata_AreRefusedNamingTheJsonExpected()
    {
        using var source = ReproWeightsFiles.Network();
        var path = ReproWeightsFiles.Write(source, PathOf("device", "safetensors"), "safetensors");
        File.Delete(ModelMetadata.PathBeside(path));

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage("*device.safetensors' has no metadata file*device.json*");
    }

    [TestCase("safetensors")]
    [TestCase("torch-save")]
    public void AStateDictWhoseMetadataNamesNoArchitecture_IsRefusedNamingTheField(string format)
    {
        using var source = ReproWeightsFiles.Network();
        var path = ReproWeightsFiles.Write(source, PathOf("device", format), format,
            ReproWeightsFiles.Metadata().Replace($"\"architecture\": \"{ReproWeightsFiles.Architecture.Describe()}\", ", ""));

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage("*weights only*not a whole network*\"architecture\"*");
    }

    [Test]
    public void ATorchScriptFileWhoseMetadataNamesAnArchitecture_IsRefusedSayingWhichItIs()
    {
        var path = Path.Combine(directory, "device.pt");
        File.Copy(Fixture("tiny.pt"), path);
        File.WriteAllText(ModelMetadata.PathBeside(path), ReproWeightsFiles.Metadata());

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage("*device.pt' is a TorchScript archive*names a Repro architecture*remove \"architecture\"*");
    }

    [Test]
    public void AFileNoReaderKnows_IsRefusedNamingTheFormatsTried()
    {
        var path = Path.Combine(directory, "device.bin");
        File.WriteAllBytes(path, new byte[] { 7, 7, 7, 7, 7 });
        File.WriteAllText(ModelMetadata.PathBeside(path), ReproWeightsFiles.Metadata());

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage("*device.bin' is not a weights file of*no safetensors file, no torch.save state dict*");
    }

    [TestCase(", \"output\": \"probabilities\"", "*outputs logits*")]
    [TestCase(", \"featuresMethod\": \"f\", \"headMethod\": \"h\"", "*own features/head split*")]
    public void MetadataThatContradictsAReproArchitecture_IsRefused(string extra, string expected)
    {
        using var source = ReproWeightsFiles.Network();
        var path = ReproWeightsFiles.Write(source, PathOf("device", "safetensors"), "safetensors", ReproWeightsFiles.Metadata(extra: extra));

        var load = () => Load(path);

        load.Should().Throw<ForeignModelException>().WithMessage(expected);
    }
}
