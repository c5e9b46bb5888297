using Microsoft.Data.Sqlite;
using Repro.Reporting.Ledger;
using Repro.Storage;

namespace Repro.Unit.Reporting.Ledger;

/// <summary>A ledger that cannot be used is refused with its path and what to do, and left exactly as it was.</summary>
public partial class RunLedgerTests
{
    [Test]
    public void Open_Absent_CreatesItWholeAndLeavesNoTemporary()
    {
        using var temp = new TempFolder();

        var ledger = new RunLedger(temp.File("ledger.db"));
        ledger.StartRun(Info());

        Directory.GetFiles(temp.Path).Select(Path.GetFileName).Where(n => n!.EndsWith(".tmp", StringComparison.Ordinal) || n.Contains(".tmp-"))
            .Should().BeEmpty();
        ledger.Runs().Should().ContainSingle();
    }

    [Test]
    public void Open_AnotherProgramsSqliteFile_IsRefusedByNameAndLeftByteForByte()
    {
        using var temp = new TempFolder();
        var path = temp.File("ledger.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');";
            command.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(path);

        var act = () => new RunLedger(path);

        act.Should().Throw<LedgerUnreadableException>().WithMessage($"*'{path}' is a SQLite database of another program (tables notes), not a Repro run ledger*");
        File.ReadAllBytes(path).Should().Equal(before);
        Directory.GetFileSystemEntries(temp.Path).Should().Equal(path);
    }

    [Test]
    public void Open_AbsentInAFolderThisUserCannotWrite_PermissionDeniedNamingTheFolderNotADamagedFile()
    {
        if (!OperatingSystem.IsLinux()) { Assert.Ignore("folder modes and chattr are Linux's"); return; }
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("reports")).FullName;
        // Root ignores permission bits, so there the folder is made immutable (ext4 and most Linux file systems).
        bool root = Environment.UserName == "root";
        if (root && !Run("chattr", "+i", folder)) Assert.Ignore("chattr +i is not supported on this file system");
        if (!root) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var act = () => new RunLedger(Path.Combine(folder, "ledger.db"));

            act.Should().Throw<UnauthorizedAccessException>().WithMessage("*cannot be created: its folder is not writable by this user*");
            Directory.GetFileSystemEntries(folder).Should().BeEmpty();
        }
        finally
        {
            if (root) Run("chattr", "-i", folder);
            else File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    static bool Run(string program, params string[] arguments)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    [TestCase("fifo", "a FIFO (named pipe)")]
    [TestCase("device", "a character device")]
    [TestCase("loop", "a loop of symbolic links")]
    public void Open_LedgerThatIsNoFile_IsRefusedByItsKindAndLeft(string what, string described)
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("FIFOs, /dev/zero and statx are Linux's");
        using var temp = new TempFolder();
        var path = temp.File("ledger.db");
        switch (what)
        {
            case "fifo": System.Diagnostics.Process.Start("mkfifo", path)!.WaitForExit(); break;
            case "device": File.CreateSymbolicLink(path, "/dev/zero"); break;
            default: File.CreateSymbolicLink(temp.File("a"), temp.File("b")); File.CreateSymbolicLink(temp.File("b"), temp.File("a")); File.CreateSymbolicLink(path, temp.File("a")); break;
        }

        var act = () => new RunLedger(path);

        act.Should().Throw<LedgerUnreadableException>().WithMessage($"*'{path}' is {described}, not a file*");
        Directory.GetFileSystemEntries(temp.Path).Where(e => e.EndsWith("-wal", StringComparison.Ordinal) || e.EndsWith("-shm", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Test, NonParallelizable]
    public void ALedgerLockedByAnotherProcess_SaysItWaitsAndForWhom_ThenGoesOn()
    {
        if (!File.Exists("/usr/bin/python3")) Assert.Ignore("python3 holds the lock from another process here; it is absent");
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { "-c", $"import sqlite3,time; c=sqlite3.connect('{temp.File("ledger.db")}', isolation_level=None); c.execute('begin exclusive'); print('locked', flush=True); time.sleep(3)" })
            start.ArgumentList.Add(a);
        using var holder = System.Diagnostics.Process.Start(start)!;
        holder.StandardOutput.ReadLine().Should().Be("locked");
        var notices = new StringWriter();
        var previous = RunLedger.WaitNotices;
        RunLedger.WaitNotices = TextWriter.Synchronized(notices);
        try
        {
            ledger.StartRun(Info());   // a write: in WAL mode only writers wait for one another
            ledger.Runs().Should().ContainSingle("the write goes on once the other process lets go");
        }
        finally
        {
            RunLedger.WaitNotices = previous;
            holder.WaitForExit();
        }

        notices.ToString().Should().Contain($"the run ledger '{temp.File("ledger.db")}' is locked by another process (pid {holder.Id}: ").And.Contain("waiting up to 60 s");
    }

    [Test]
    public void ALockThatOutlastsTheWait_IsBusyNamingTheLedger()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));

        var translated = ledger.Translate(new SqliteException("database is locked", 5));

        translated.Should().BeOfType<LedgerBusyException>().Which.Message.Should().Contain(temp.File("ledger.db")).And.Contain("stayed locked by another process");
        Repro.Failures.Failure.Of(translated!).Code.Should().Be(Repro.Failures.ExitCode.Busy);
    }

    [Test]
    public void FileLocks_NameTheProcessHoldingALock()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("/proc/locks is Linux's");
        using var temp = new TempFolder();
        var path = temp.File("held.db");
        File.WriteAllText(path, "x");
        var start = new System.Diagnostics.ProcessStartInfo("python3", ["-c", $"import fcntl,sys,time; f=open('{path}','r+'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(30)"])
            { RedirectStandardOutput = true };
        System.Diagnostics.Process holder;
        try { holder = System.Diagnostics.Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception) { Assert.Ignore("python3 is not installed"); return; }
        using (holder)
        {
            holder.StandardOutput.ReadLine().Should().Be("locked");
            try
            {
                Repro.Storage.FileLocks.Holders(path).Should().Contain(holder.Id);
                Repro.Storage.FileLocks.CommandLine(holder.Id).Should().Contain("python3").And.Contain("fcntl");
            }
            finally
            {
                holder.Kill();
            }
        }
    }

    [Test]
    public void Open_LedgerIsAFolder_ThrowsNamingItAndWhatWasExpected()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("ledger.db"));

        var act = () => new RunLedger(temp.File("ledger.db"));

        act.Should().Throw<LedgerUnreadableException>().WithMessage($"*'{temp.File("ledger.db")}' is a folder; it must be a SQLite file*");
        Directory.GetFileSystemEntries(temp.Path).Should().Equal(temp.File("ledger.db"));
    }

    [Test]
    public void Open_ZeroByteLedger_ThrowsInsteadOfStartingOverAndLeavesIt()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("ledger.db"), []);

        var act = () => new RunLedger(temp.File("ledger.db"));

        act.Should().Throw<LedgerUnreadableException>().WithMessage($"*'{temp.File("ledger.db")}' is empty (0 bytes)*delete it to start a new ledger*");
        new FileInfo(temp.File("ledger.db")).Length.Should().Be(0);
        Directory.GetFileSystemEntries(temp.Path).Should().ContainSingle("no -wal or -shm is created beside it");
    }

    [Test]
    public void Open_TruncatedLedger_ThrowsDamagedNamingItAndLeavesNoWalOrShm()
    {
        using var temp = new TempFolder();
        string path = temp.File("ledger.db");
        var ledger = new RunLedger(path);
        ledger.RecordResult(ledger.StartRun(Info()), FakeResults.Table01(), FakeResults.Start);
        using (var file = new FileStream(path, FileMode.Open)) file.SetLength(100);

        var act = () => new RunLedger(path);

        act.Should().Throw<LedgerUnreadableException>().WithMessage($"*'{path}' is damaged*Move it aside*");
        new FileInfo(path).Length.Should().Be(100, "a damaged ledger is left as it was");
        File.Exists(path + "-wal").Should().BeFalse();
        File.Exists(path + "-shm").Should().BeFalse();
    }

    [Test]
    public void Open_NotADatabase_ThrowsDamaged()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("ledger.db"), new string('x', 4096));

        var act = () => new RunLedger(temp.File("ledger.db"));

        act.Should().Throw<LedgerUnreadableException>().WithMessage("*is damaged*");
        Directory.GetFileSystemEntries(temp.Path).Should().ContainSingle();
    }

    [Test]
    public void Open_NewerSchema_ThrowsSayingUpdateRepro()
    {
        using var temp = new TempFolder();
        string path = temp.File("ledger.db");
        _ = new RunLedger(path);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var act = () => new RunLedger(path);

        act.Should().Throw<LedgerUnreadableException>().WithMessage("*schema 99, newer than this build understands*");
    }

    [Test]
    public void Translate_SqliteFull_IsDiskFullNamingTheLedger()
    {
        using var temp = new TempFolder();
        var ledger = new RunLedger(temp.File("ledger.db"));

        var translated = ledger.Translate(new SqliteException("database or disk is full", 13));

        translated.Should().BeOfType<DiskFullException>().Which.Message.Should().Contain("no space").And.Contain(temp.File("ledger.db"));
    }

    [Test]
    public void Open_AbsentOnAFullDevice_DiskFullAndNoLedgerOrTemporaryLeft()
    {
        using var tmpfs = Repro.Unit.Storage.SmallTmpfs.Mount(kibibytes: 48);
        string path = Path.Combine(tmpfs.Path, "ledger.db");

        var act = () => new RunLedger(path);

        var error = act.Should().Throw<IOException>().Which;
        DiskFullException.Matches(error).Should().BeTrue(error.Message);
        error.Message.Should().Contain("no space").And.Contain(path);
        Directory.GetFileSystemEntries(tmpfs.Path).Should().BeEmpty("neither a half-made ledger nor its temporary files stay");
    }

    [Test]
    public void Open_ExistingOnAnAlmostFullDevice_EveryCommittedRowReadsBack()
    {
        using var tmpfs = Repro.Unit.Storage.SmallTmpfs.Mount(kibibytes: 160);
        string path = Path.Combine(tmpfs.Path, "ledger.db");
        var ledger = new RunLedger(path);
        long run = ledger.StartRun(Info());

        ledger.RecordFailure(run, "Table03", "smoke", "boom", FakeResults.Start);

        new RunLedger(path).Failures().Should().ContainSingle();
    }
}
