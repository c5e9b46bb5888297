using Repro.Audit;

namespace Repro.Unit.Audit;

/// <summary>An audit's checkpoint reuses a stage only while it is exactly what was written: an edited or damaged stage is discarded with a note and measured again.</summary>
public class AuditCheckpointTests
{
    string root = "";

    [SetUp] public void Create() => root = Directory.CreateTempSubdirectory("repro-checkpoint-").FullName;
    [TearDown] public void Delete() => Directory.Delete(root, recursive: true);

    sealed record Transfer(double Rfr);

    [Test]
    public void AStageWrittenBefore_IsReusedWithoutMeasuring()
    {
        new AuditCheckpoint(root, "k").Stage("transfer", () => new Transfer(0.5));
        var again = new AuditCheckpoint(root, "k");

        again.Stage<Transfer>("transfer", () => throw new AssertionException("measured again")).Rfr.Should().Be(0.5);
        again.Reused.Should().Be(1);
    }

    [Test]
    public void AnEditedStage_IsDiscardedWithANoteAndMeasuredAgain()
    {
        var first = new AuditCheckpoint(root, "k");
        first.Stage("transfer", () => new Transfer(0.5));
        var path = Path.Combine(first.Folder, "transfer.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("0.5", "0.99"));
        var notes = new List<string>();
        var again = new AuditCheckpoint(root, "k") { Note = notes.Add };

        var value = again.Stage("transfer", () => new Transfer(0.5));

        value.Rfr.Should().Be(0.5, "the edited 0.99 is never the result");
        again.Reused.Should().Be(0);
        notes.Should().ContainSingle().Which.Should().Contain("transfer.json").And.Contain("discarded");
        new AuditCheckpoint(root, "k").Stage<Transfer>("transfer", () => throw new AssertionException("measured again")).Rfr.Should().Be(0.5);
    }

    [Test]
    public void AStageWithoutItsChecksum_IsMeasuredAgain()
    {
        var first = new AuditCheckpoint(root, "k");
        first.Stage("transfer", () => new Transfer(0.5));
        File.Delete(Path.Combine(first.Folder, "transfer.sha256"));

        bool measured = false;
        new AuditCheckpoint(root, "k").Stage("transfer", () => { measured = true; return new Transfer(0.5); });

        measured.Should().BeTrue();
    }
}
