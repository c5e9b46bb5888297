using System.Text.Json;
using Repro.Failures;
using Repro.Storage;
using Repro.Harness.Artifacts;

namespace Repro.Unit.Harness.Artifacts;

/// <summary>Each artifact's files are checksummed in its manifest and checked before use.</summary>
public partial class ArtifactStoreTests
{
    static void TwoFiles(string dir)
    {
        File.WriteAllText(Path.Combine(dir, "model.bin"), new string('w', 1000));
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "sub", "outcome.json"), "{}");
    }

    [Test]
    public void GetOrBuild_ManifestRecordsTheSha256OfEveryFile()
    {
        var store = new ArtifactStore(root.FullName);
        var dir = store.GetOrBuild(new Recipe("sealed"), TwoFiles);

        var files = store.Manifest(ArtifactKey.For(new Recipe("sealed")))!.Files!;

        files.Keys.Should().Equal("model.bin", "sub/outcome.json");
        files["model.bin"].Should().Be(FileChecksum.Sha256(Path.Combine(dir, "model.bin")));
    }

    [Test]
    public void GetOrBuild_StoredFileTruncatedSince_ThrowsNamingTheFileAndTheFolderToDelete()
    {
        var dir = new ArtifactStore(root.FullName).GetOrBuild(new Recipe("truncated"), TwoFiles);
        using (var file = new FileStream(Path.Combine(dir, "model.bin"), FileMode.Open)) file.SetLength(100);

        var act = () => new ArtifactStore(root.FullName).GetOrBuild(new Recipe("truncated"), _ => Assert.Fail("a damaged artifact is not silently rebuilt"));

        var error = act.Should().Throw<CorruptArtifactException>().Which;
        error.Message.Should().Contain($"'{Path.Combine(dir, "model.bin")}' (100 bytes) has SHA-256").And.Contain($"Delete '{dir}' to rebuild it");
        Failure.Of(error).Code.Should().Be(ExitCode.CorruptStore);
    }

    [Test]
    public void GetOrBuild_StoredFileMissing_ThrowsNamingIt()
    {
        var dir = new ArtifactStore(root.FullName).GetOrBuild(new Recipe("missing"), TwoFiles);
        File.Delete(Path.Combine(dir, "sub", "outcome.json"));

        var act = () => new ArtifactStore(root.FullName).GetOrBuild(new Recipe("missing"), _ => { });

        act.Should().Throw<CorruptArtifactException>().WithMessage($"*'{Path.Combine(dir, "sub", "outcome.json")}' is missing*");
    }

    [Test]
    public void GetOrBuild_ManifestFromBeforeChecksums_IsServedAsBefore()
    {
        var store = new ArtifactStore(root.FullName);
        var key = ArtifactKey.For(new Recipe("legacy"));
        var dir = store.GetOrBuild(new Recipe("legacy"), TwoFiles);
        var legacy = store.Manifest(key)! with { Files = null };
        File.WriteAllText(Path.Combine(dir, ArtifactStore.ManifestFile), JsonSerializer.Serialize(legacy));

        new ArtifactStore(root.FullName).GetOrBuild(new Recipe("legacy"), _ => Assert.Fail("rebuilt")).Should().Be(dir);
    }
}
