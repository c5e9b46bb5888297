using Repro.Failures;
using Repro.Storage;
using Repro.Unit.Storage;
using Repro.Harness.Artifacts;

namespace Repro.Unit.Harness.Artifacts;

/// <summary>A cache that cannot be written, or a full disk: a plain error naming it, and nothing half-written visible.</summary>
public partial class ArtifactStoreTests
{
    [Test]
    public void GetOrBuild_ReadOnlyCacheWithoutTheArtifact_PermissionErrorNamingTheCache()
    {
        var store = new ArtifactStore(root.FullName);
        using (ReadOnlyPath.Make(root.FullName))
        {
            var act = () => store.GetOrBuild(new Recipe("cold"), _ => Assert.Fail("nothing to build into"));

            var error = act.Should().Throw<UnauthorizedAccessException>().Which;
            error.Message.Should().Contain($"the artifact cache '{root.FullName}' is not writable by this user").And.Contain("--cache DIR or REPRO_CACHE");
            Failure.Of(error).Code.Should().Be(ExitCode.PermissionDenied);
        }
    }

    [Test]
    public void GetOrBuild_ReadOnlyCacheWithTheArtifact_ServesIt()
    {
        var dir = new ArtifactStore(root.FullName).GetOrBuild(new Recipe("warm"), d => File.WriteAllText(Path.Combine(d, "v"), "1"));
        var kind = Path.GetDirectoryName(dir)!;
        using (ReadOnlyPath.Make(root.FullName))
        using (ReadOnlyPath.Make(kind))
        {
            new ArtifactStore(root.FullName).GetOrBuild(new Recipe("warm"), _ => Assert.Fail("rebuilt")).Should().Be(dir);
        }
    }

    [Test]
    public void Open_CacheIsAFile_ThrowsSayingItMustBeAFolder()
    {
        var file = Path.Combine(root.FullName, "cache");
        File.WriteAllText(file, "");

        var act = () => new ArtifactStore(file);

        act.Should().Throw<ArgumentException>().WithMessage($"the artifact cache (--cache or REPRO_CACHE) '{file}' is a file; it must be a folder");
    }

    [Test]
    public void GetOrBuild_BuildMeetsNoSpace_NothingVisibleAndTheErrorIsDiskFull()
    {
        Assume.That(File.Exists("/dev/full"), "needs /dev/full, whose every write fails with ENOSPC");
        var store = new ArtifactStore(root.FullName);

        // The model half-written, then the kernel's own ENOSPC (from /dev/full), as on a full disk.
        var act = () => store.GetOrBuild(new Recipe("full"), dir =>
        {
            File.WriteAllBytes(Path.Combine(dir, "model.bin"), new byte[8192]);
            File.WriteAllBytes("/dev/full", new byte[8192]);
        });

        var error = act.Should().Throw<IOException>().Which;
        Failure.Of(error).Message.Should().StartWith("no space left on the device");
        store.Exists(ArtifactKey.For(new Recipe("full"))).Should().BeFalse();
        Directory.GetFileSystemEntries(Path.Combine(root.FullName, "model")).Should().BeEmpty("no temporary folder, no lock, no artifact");
    }

    [Test]
    public void GetOrBuild_OnAFullTmpfs_NothingVisibleAndTheErrorIsDiskFull()
    {
        using var tmpfs = SmallTmpfs.Mount(kibibytes: 256);
        var store = new ArtifactStore(tmpfs.Path);
        var before = new ArtifactStore(tmpfs.Path).GetOrBuild(new Recipe("small"), d => File.WriteAllBytes(Path.Combine(d, "model.bin"), new byte[16 * 1024]));

        var act = () => store.GetOrBuild(new Recipe("large"), dir => File.WriteAllBytes(Path.Combine(dir, "model.bin"), new byte[1024 * 1024]));

        var error = act.Should().Throw<IOException>().Which;
        DiskFullException.Matches(error).Should().BeTrue(error.Message);
        Failure.Of(error).Message.Should().StartWith("no space left on the device");
        Directory.GetFileSystemEntries(Path.Combine(tmpfs.Path, "model")).Select(Path.GetFileName)
            .Should().Equal(new[] { Path.GetFileName(before) }, "only the complete artifact built before remains");
        new ArtifactStore(tmpfs.Path).GetOrBuild(new Recipe("small"), _ => Assert.Fail("rebuilt")).Should().Be(before);
    }
}
