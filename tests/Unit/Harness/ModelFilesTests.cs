using Repro.Harness;
using Repro.Models;
using Repro.Models.Foreign;
using Repro.Unit.Models.Foreign;

namespace Repro.Unit.Harness;

/// <summary>The one list of model files audit, harden and serve read: a Repro cache artifact and a Repro architecture's weights load as the network they hold.</summary>
public class ModelFilesTests
{
    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("repro-model-files-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    /// <summary>A cache artifact folder as ModelStore publishes it: model.bin (model.save) and manifest.json naming the recipe.</summary>
    string CacheArtifact(Classifier model, string data = "cifar10-slice:36cb71e7d1e4b9f8", string key = "model-0123456789abcdef", bool checksums = false)
    {
        var folder = Path.Combine(directory, key);
        Directory.CreateDirectory(folder);
        model.save(Path.Combine(folder, "model.bin"));
        var recipe = $"architecture={model.Architecture.Describe()}\\ndata={data}\\nprocedure=train(test)\\nparents=\\nseed=0";
        var files = checksums ? $", \"Files\": {{\"model.bin\": \"{Repro.Storage.FileChecksum.Sha256(Path.Combine(folder, "model.bin"))}\"}}" : "";
        File.WriteAllText(Path.Combine(folder, "manifest.json"),
            $"{{\"Key\": \"{key}\", \"Kind\": \"model\", \"Recipe\": \"{recipe}\", \"StartedUtc\": \"2026-11-29T22:05:08+00:00\", " +
            "\"FinishedUtc\": \"2026-11-29T22:09:02+00:00\", \"Summary\": {\"test_accuracy\": \"60.4\"}" + files + "}");
        return folder;
    }

    [Test]
    public void CacheArtifact_WithOneFlippedByte_IsRefusedByItsManifestsChecksum()
    {
        using var source = ReproWeightsFiles.Network();
        var folder = CacheArtifact(source, checksums: true);
        using (ModelFiles.Load(folder)) { }
        var weights = Path.Combine(folder, "model.bin");
        var bytes = File.ReadAllBytes(weights);
        bytes[^5] ^= 0x01;   // a weight's low bit: the file still loads, with another value
        File.WriteAllBytes(weights, bytes);

        var load = () => ModelFiles.Load(folder);

        load.Should().Throw<Repro.Harness.Artifacts.CorruptArtifactException>().WithMessage($"*model.bin*SHA-256*Delete '{folder}'*");
    }

    [Test]
    public void CacheArtifact_LoadsWithTheRecipesArchitectureAndCifarPreprocessing()
    {
        using var source = ReproWeightsFiles.Network();
        var folder = CacheArtifact(source);

        using var byFolder = ModelFiles.Load(folder);
        using var byFile = ModelFiles.Load(Path.Combine(folder, "model.bin"));

        byFolder.Should().BeOfType<ReproArchitectureClassifier>().Which.Format.Should().Be(ModelFileKind.Other);
        byFolder.Metadata.Classes.Should().Equal(ReproWeightsFiles.CifarClasses);
        byFolder.Metadata.Mean.Should().Equal(InputNormalization.Cifar10Mean);
        byFolder.Metadata.Name.Should().Be($"{source.Architecture.DisplayName} model-0123456789abcdef");
        ReproWeightsFiles.MaxDifference(source, byFolder).Should().BeLessThan(1e-5);
        ReproWeightsFiles.MaxDifference(source, byFile).Should().BeLessThan(1e-5);
        ModelFiles.DefaultName(byFolder.SourcePath).Should().Be("model-0123456789abcdef");
    }

    [Test]
    public void CacheArtifact_WrittenBack_IsATorchSharpStateDictWithMetadataThatLoadsAgain()
    {
        using var source = ReproWeightsFiles.Network();
        using var loaded = ModelFiles.Load(CacheArtifact(source));
        var target = Path.Combine(directory, "model-0123456789abcdef-hardened.bin");

        loaded.Save(target);
        using var reloaded = ModelFiles.Load(target);

        reloaded.Should().BeOfType<ReproArchitectureClassifier>();
        reloaded.Metadata.Architecture.Should().Be(source.Architecture.Describe());
        ReproWeightsFiles.MaxDifference(source, reloaded).Should().BeLessThan(1e-5);
    }

    [Test]
    public void CacheArtifact_OfAnotherDataset_IsRefusedAskingForMetadata()
    {
        using var source = ReproWeightsFiles.Network();
        var folder = CacheArtifact(source, data: "imagenet-subset:0011223344556677");

        var load = () => ModelFiles.Load(folder);

        load.Should().Throw<ForeignModelException>().WithMessage("*trained on 'imagenet-subset*<stem>.json metadata*");
    }

    [Test]
    public void CacheArtifact_WithCorruptWeights_IsACorruptStoreNamingTheFolderToDelete()
    {
        using var source = ReproWeightsFiles.Network();
        var folder = CacheArtifact(source);
        File.WriteAllBytes(Path.Combine(folder, "model.bin"), new byte[] { 1, 2, 3 });

        var load = () => ModelFiles.Load(folder);

        load.Should().Throw<Repro.Harness.Artifacts.CorruptArtifactException>().WithMessage($"*model.bin*Delete '{folder}'*");
    }

    [Test]
    public void ReproWeights_AreServedByTheirOwnForward()
    {
        using var source = ReproWeightsFiles.Network();
        var path = ReproWeightsFiles.Write(source, Path.Combine(directory, "device.safetensors"), "safetensors");

        var served = ServedModelFile.Load(path);
        using var model = served.Model;

        served.Name.Should().Be("device");
        served.Engine.Should().BeNull();
        model.Should().BeOfType<ReproArchitectureClassifier>();
        served.Origin.Should().Contain(source.Architecture.Describe());
        ReproWeightsFiles.MaxDifference(source, model).Should().BeLessThan(1e-5);
    }

    [Test]
    public void APthStateDictWithMetadataNamingAnArchitecture_IsTakenAsWeightsNotTorchScript()
    {
        using var source = ReproWeightsFiles.Network();
        var path = ReproWeightsFiles.Write(source, Path.Combine(directory, "device.pth"), "torch-save");

        ModelFiles.Loaders.First(l => l.Recognises(path)).Kind.Should().StartWith("Repro architecture's weights");
        using var loaded = ModelFiles.Load(path);
        ReproWeightsFiles.MaxDifference(source, loaded).Should().BeLessThan(1e-5);
    }
}
