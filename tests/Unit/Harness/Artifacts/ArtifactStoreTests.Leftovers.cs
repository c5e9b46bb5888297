using Repro.Storage;
using Repro.Harness.Artifacts;

namespace Repro.Unit.Harness.Artifacts;

/// <summary>Opening the store removes what killed builds left, and nothing a live build or a resumable run needs.</summary>
public partial class ArtifactStoreTests
{
    const string Key = "model-0123456789abcdef";

    string Kind => Directory.CreateDirectory(Path.Combine(root.FullName, "model")).FullName;

    [Test]
    public void Open_TemporaryFolderOfAKilledBuild_Removed_OneWhoseKeyIsLockedKept()
    {
        var killed = Directory.CreateDirectory(Path.Combine(Kind, $".tmp-{Key}-{Guid.NewGuid():N}")).FullName;
        File.WriteAllText(Path.Combine(killed, "model.bin"), "half");
        const string live = "model-fedcba9876543210";
        var building = Directory.CreateDirectory(Path.Combine(Kind, $".tmp-{live}-{Guid.NewGuid():N}")).FullName;
        using var held = new FileStream(Path.Combine(Kind, live + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);

        var store = new ArtifactStore(root.FullName);

        Directory.Exists(killed).Should().BeFalse();
        Directory.Exists(building).Should().BeTrue("its builder holds the key's lock");
        store.Swept.Should().Contain(killed);
    }

    [Test]
    public void Open_LockFileNobodyHolds_Removed_AHeldOneKept()
    {
        var stale = Path.Combine(Kind, Key + ".lock");
        File.WriteAllText(stale, "");
        var heldPath = Path.Combine(Kind, "model-fedcba9876543210.lock");
        using var held = new FileStream(heldPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);

        new ArtifactStore(root.FullName);

        File.Exists(stale).Should().BeFalse();
        File.Exists(heldPath).Should().BeTrue();
    }

    [Test]
    public void Open_PartialFolder_TemporaryOfAnEndedWriterRemoved_CheckpointsKept_AnEmptyOneRemoved()
    {
        var empty = Directory.CreateDirectory(Path.Combine(Kind, "model-fedcba9876543210.partial")).FullName;
        var partial = Directory.CreateDirectory(Path.Combine(Kind, Key + ".partial")).FullName;
        File.WriteAllText(Path.Combine(partial, "epoch-2.json"), "{}");
        var orphan = Path.Combine(partial, $".epoch-3.model.{int.MaxValue - 7}-{Guid.NewGuid():N}.tmp");
        File.WriteAllText(orphan, "half a checkpoint");
        var mine = AtomicFile.TemporaryPath(Path.Combine(partial, "epoch-4.model"));
        File.WriteAllText(mine, "being written");

        new ArtifactStore(root.FullName);

        File.Exists(orphan).Should().BeFalse();
        File.Exists(mine).Should().BeTrue("this process is alive");
        File.Exists(Path.Combine(partial, "epoch-2.json")).Should().BeTrue();
        Directory.Exists(empty).Should().BeFalse("an empty resumable folder holds nothing to resume from");
    }

    [Test]
    public void GetOrBuild_TemporaryFolderOfThisKeyLeftByAKill_RemovedBeforeBuilding()
    {
        var store = new ArtifactStore(root.FullName);
        var recipe = new Recipe("rebuilt");
        var key = ArtifactKey.For(recipe);
        var killed = Directory.CreateDirectory(Path.Combine(Kind, $".tmp-{key}-{Guid.NewGuid():N}")).FullName;

        store.GetOrBuild(recipe, dir => File.WriteAllText(Path.Combine(dir, "v"), "1"));

        Directory.Exists(killed).Should().BeFalse();
        Directory.GetDirectories(Kind).Select(Path.GetFileName).Should().Equal(key.ToString());
    }
}
