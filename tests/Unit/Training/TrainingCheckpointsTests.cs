using System.Text.Json.Nodes;
using Repro.Models;
using Repro.Training;
using Repro.Unit.Fakes;
using static TorchSharp.torch;
using Repro.Progress;

namespace Repro.Unit.Training;

/// <summary>A damaged resume checkpoint is discarded with a warning naming it; training resumes from the one before, or from scratch.</summary>
public class TrainingCheckpointsTests
{
    static readonly TrainingSettings Settings = new() { Epochs = 4, LearningRate = 0.05, BatchSize = 16, WarmupEpochs = 0, CheckpointEvery = 1 };

    static TrainingBatches Task() => epoch => Enumerable.Range(0, 4).Select(b =>
    {
        var images = TinyModels.Images(16, seed: 100 * epoch + b);
        return (images, images[.., 0, 0, ..10].argmax(1));
    });

    DirectoryInfo dir = null!;

    [SetUp] public void Create() => dir = Directory.CreateTempSubdirectory("checkpoints-");
    [TearDown] public void Delete() => dir.Delete(recursive: true);

    string PathOf(int epoch, string ext) => Path.Combine(dir.FullName, $"epoch-{epoch}.{ext}");

    static TrainingLog Train(Classifier model, string? checkpoints, IProgressSink? progress = null, int? stopAfter = null, int? keepEvery = null) =>
        new Trainer(Settings, progress ?? SilentProgress.Instance).Train(model, Task(), 4, CrossEntropyObjective.Instance, "toy s1", checkpoints,
            stopAfterEpoch: stopAfter, keepEvery: keepEvery);

    static void ShouldEqual(Classifier actual, Classifier expected)
    {
        using var images = TinyModels.Images(8, seed: 5);
        using var noGrad = no_grad();
        using var a = actual.forward(images);
        using var b = expected.forward(images);
        (a - b).abs().max().item<float>().Should().Be(0f, "a resumed run computes exactly what an uninterrupted one does");
    }

    static void Truncate(string path)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.SetLength(file.Length / 2);
    }

    [Test]
    public void Save_ModelFile_HoldsExactlyTheBytesModuleSaveWrites()
    {
        using var model = TinyModels.ResNet(seed: 1);
        Train(model, dir.FullName, stopAfter: 1);
        var reference = Path.Combine(dir.FullName, "reference.model");
        model.train();
        using (var straight = TinyModels.ResNet(seed: 1))
        {
            Train(straight, null, stopAfter: 1);
            straight.save(reference);
        }

        File.ReadAllBytes(PathOf(1, "model")).Should().Equal(File.ReadAllBytes(reference));
        JsonNode.Parse(File.ReadAllText(PathOf(1, "json")))!["ModelSha256"]!.GetValue<string>().Should().HaveLength(64);
    }

    [Test]
    public void Resume_NewestCheckpointTruncated_WarnsNamingItAndResumesFromThePreviousOne()
    {
        using (var interrupted = TinyModels.ResNet(seed: 1)) Train(interrupted, dir.FullName, stopAfter: 3, keepEvery: 1);
        Truncate(PathOf(3, "model"));
        var progress = new RecordingProgress();

        using var resumed = TinyModels.ResNet(seed: 99);
        var log = Train(resumed, dir.FullName, progress);

        log.ResumedFromEpoch.Should().Be(2);
        progress.Notes.Should().Contain(n => n.Contains($"'{PathOf(3, "model")}'") && n.Contains("truncated or changed since") && n.Contains("discarded it"));
        using var straight = TinyModels.ResNet(seed: 1);
        Train(straight, null);
        ShouldEqual(resumed, straight);
    }

    [Test]
    public void Resume_OnlyCheckpointTruncated_TrainsFromScratch()
    {
        using (var interrupted = TinyModels.ResNet(seed: 1)) Train(interrupted, dir.FullName, stopAfter: 1);
        Truncate(PathOf(1, "optim"));
        var progress = new RecordingProgress();

        using var again = TinyModels.ResNet(seed: 1);
        var log = Train(again, dir.FullName, progress);

        log.ResumedFromEpoch.Should().Be(0);
        progress.Notes.Should().Contain(n => n.Contains($"'{PathOf(1, "optim")}'")).And.Contain(n => n.Contains("training from scratch"));
        using var straight = TinyModels.ResNet(seed: 1);
        Train(straight, null);
        ShouldEqual(again, straight);
    }

    [Test]
    public void Resume_CheckpointWithoutChecksumsThatFailsToLoad_LeavesTheModelAsItWasAndTrainsFromScratch()
    {
        using (var interrupted = TinyModels.ResNet(seed: 1)) Train(interrupted, dir.FullName, stopAfter: 1);
        // As an older build wrote it: no checksums, so only loading can find the damage, after part of the model was overwritten.
        File.WriteAllText(PathOf(1, "json"), """{"Epoch":1,"Losses":[2.0]}""");
        Truncate(PathOf(1, "model"));
        var progress = new RecordingProgress();

        using var again = TinyModels.ResNet(seed: 1);
        var log = Train(again, dir.FullName, progress);

        log.ResumedFromEpoch.Should().Be(0);
        progress.Notes.Should().Contain(n => n.Contains($"'{PathOf(1, "model")}'") && n.Contains("does not load"));
        using var straight = TinyModels.ResNet(seed: 1);
        Train(straight, null);
        ShouldEqual(again, straight);
    }

    [Test]
    public void Resume_StateFileUnreadable_DiscardedLikeAnyDamage()
    {
        using (var interrupted = TinyModels.ResNet(seed: 1)) Train(interrupted, dir.FullName, stopAfter: 2, keepEvery: 1);
        File.WriteAllText(PathOf(2, "json"), "{not json");
        var progress = new RecordingProgress();

        using var resumed = TinyModels.ResNet(seed: 99);
        Train(resumed, dir.FullName, progress).ResumedFromEpoch.Should().Be(1);
        progress.Notes.Should().Contain(n => n.Contains($"'{PathOf(2, "json")}' does not read"));
    }
}
