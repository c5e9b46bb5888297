using System.Diagnostics;
using Repro.Storage;

namespace Repro.Unit.Storage;

public class AtomicFileTests
{
    DirectoryInfo root = null!;

    [SetUp] public void Create() => root = Directory.CreateTempSubdirectory("atomic-");
    [TearDown] public void Delete() => root.Delete(recursive: true);

    string PathOf(string name) => Path.Combine(root.FullName, name);

    [Test]
    public void WriteAllText_NewFile_WritesTheContentAndLeavesOnlyTheTarget()
    {
        AtomicFile.WriteAllText(PathOf("a.json"), "{}");

        File.ReadAllText(PathOf("a.json")).Should().Be("{}");
        root.GetFileSystemInfos().Select(f => f.Name).Should().Equal("a.json");
    }

    [Test]
    public void Write_WriterThrowsHalfway_KeepsTheOldContentAndNoTemporary()
    {
        AtomicFile.WriteAllText(PathOf("a.json"), "old");

        var act = () => AtomicFile.Write(PathOf("a.json"), stream =>
        {
            stream.Write("new, half"u8);
            throw new InvalidOperationException("writer failed");
        });

        act.Should().Throw<InvalidOperationException>();
        File.ReadAllText(PathOf("a.json")).Should().Be("old");
        root.GetFileSystemInfos().Select(f => f.Name).Should().Equal("a.json");
    }

    [Test]
    public void Write_DeviceFullHalfway_KeepsTheOldContentNoTemporaryAndTheErrorIsDiskFull()
    {
        Assume.That(File.Exists("/dev/full"), "needs /dev/full, whose every write fails with ENOSPC");
        AtomicFile.WriteAllText(PathOf("model.bin"), "old");

        // The kernel's own ENOSPC (from /dev/full) meets the writer half-way through the new content.
        var act = () => AtomicFile.Write(PathOf("model.bin"), stream =>
        {
            stream.Write(new byte[4096]);
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            full.Write(new byte[4096]);
            full.Flush(flushToDisk: true);
        });

        act.Should().Throw<IOException>().Which.Should().Match<IOException>(e => DiskFullException.Matches(e));
        File.ReadAllText(PathOf("model.bin")).Should().Be("old");
        root.GetFileSystemInfos().Select(f => f.Name).Should().Equal("model.bin");
    }

    [Test]
    public void Write_TargetIsAFolder_ThrowsNamingItAndWritesNothing()
    {
        Directory.CreateDirectory(PathOf("index.html"));

        var act = () => AtomicFile.WriteAllText(PathOf("index.html"), "<html>");

        act.Should().Throw<ArgumentException>().WithMessage($"*{PathOf("index.html")}*is a folder*expected a file*");
        root.GetFileSystemInfos().Select(f => f.Name).Should().Equal("index.html");
    }

    [Test]
    public void Write_ParentIsAFile_ThrowsNamingTheFileInTheWay()
    {
        File.WriteAllText(PathOf("reports"), "not a folder");

        var act = () => AtomicFile.WriteAllText(Path.Combine(PathOf("reports"), "index.html"), "<html>");

        act.Should().Throw<ArgumentException>().WithMessage($"*'{PathOf("reports")}' is a file; it must be a folder*");
    }

    [Test]
    public void Write_WithoutOverwrite_ExistingTargetThrowsAndStaysAsItWas()
    {
        AtomicFile.WriteAllText(PathOf("slice.zip"), "committed");

        var act = () => AtomicFile.Write(PathOf("slice.zip"), s => s.Write("new"u8), overwrite: false);

        act.Should().Throw<IOException>().WithMessage("*already exists*");
        File.ReadAllText(PathOf("slice.zip")).Should().Be("committed");
        root.GetFileSystemInfos().Should().ContainSingle();
    }

    [Test]
    public void SweepStale_TemporaryOfAnEndedProcess_IsDeleted_OneOfThisProcessIsKept()
    {
        int ended = EndedProcessId();
        string dead = Path.Combine(root.FullName, $".index.html.{ended}-{Guid.NewGuid():N}.tmp");
        string live = AtomicFile.TemporaryPath(PathOf("index.html"));
        File.WriteAllText(dead, "left by a killed writer");
        File.WriteAllText(live, "being written");
        File.WriteAllText(PathOf("notes.tmp"), "not ours");

        var deleted = AtomicFile.SweepStale(root.FullName);

        deleted.Should().Equal(dead);
        File.Exists(live).Should().BeTrue();
        File.Exists(PathOf("notes.tmp")).Should().BeTrue("only names this writer makes are swept");
    }

    [Test]
    public void SweepStale_ProcessIdReusedSinceTheFileWasWritten_IsDeleted()
    {
        string reused = AtomicFile.TemporaryPath(PathOf("ledger.db"));
        File.WriteAllText(reused, "written long before this process started");
        File.SetLastWriteTimeUtc(reused, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        AtomicFile.SweepStale(root.FullName).Should().Equal(reused);
    }

    [Test]
    public void FileSync_Folder_MissingFolder_ThrowsNamingIt()
    {
        FileSync.Folder(root.FullName);
        var act = () => FileSync.Folder(PathOf("missing"));
        act.Should().Throw<IOException>().WithMessage($"*{PathOf("missing")}*");
    }

    static int EndedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.Id;
    }
}
