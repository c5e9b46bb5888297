using System.Globalization;
using Microsoft.Data.Sqlite;
using Repro.Storage;

namespace Repro.Reporting.Ledger;

/// <summary>
/// The run ledger (DESIGN.md §6: "results are never lost"): an append-only SQLite database of runs,
/// per-seed measurements, whole results as JSON and acceptance markers. Rows are only ever added;
/// triggers refuse UPDATE and DELETE, so finishing a run or accepting a result adds a row.
/// WAL mode and a busy timeout let several processes write one file; every write is one
/// IMMEDIATE transaction, so a run killed mid-way leaves earlier rows intact and nothing of its own.
/// The file's location is the caller's (the run context).
/// </summary>
public sealed partial class RunLedger
{
    // 2: run_numerics (the processor, kernel pin and threads of each run) and run_failures (an experiment that stopped).
    private const int SchemaVersion = 2;
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(60);

    private readonly string connectionString;

    /// <summary>
    /// Opens the ledger at <paramref name="databasePath"/>, creating it (whole, through a temporary file and a rename)
    /// when absent. A ledger that cannot be used (a folder, an empty file, a damaged database, a newer schema) is
    /// refused with <see cref="LedgerUnreadableException"/> and left exactly as it was, -wal and -shm files included.
    /// </summary>
    public RunLedger(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        if (Directory.Exists(DatabasePath))
            throw new LedgerUnreadableException(
                $"the run ledger '{DatabasePath}' is a folder; it must be a SQLite file, or absent (a new ledger is then started there). " +
                "Move the folder away, or pass --reports to use another reports folder");
        var kind = FileKinds.Of(DatabasePath);
        if (kind is not (FileKind.Missing or FileKind.Regular or FileKind.Directory or FileKind.Unknown))
            throw new LedgerUnreadableException(
                $"the run ledger '{DatabasePath}' is {FileKinds.Describe(kind)}, not a file; it must be a SQLite file, or absent (a new ledger is then started there). " +
                "Remove it, or pass --reports to use another reports folder");
        WritableFolder.Ensure(Path.GetDirectoryName(DatabasePath)!, "the folder of the run ledger");
        connectionString = ConnectionString(DatabasePath, SqliteOpenMode.ReadWrite);
        if (!File.Exists(DatabasePath)) CreateNew();
        else if (new FileInfo(DatabasePath).Length == 0)
            throw new LedgerUnreadableException(
                $"the run ledger '{DatabasePath}' is empty (0 bytes): whatever it held is gone (truncated, or made by hand), and Repro " +
                "does not silently start over on it. Restore it from a backup, or delete it to start a new ledger");
        OpenExisting();
    }

    public string DatabasePath { get; }

    private static string ConnectionString(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        // ReadWrite, not ReadWriteCreate: SQLite never creates a ledger itself, so none is ever left half-made.
        Mode = mode,
        ForeignKeys = true,
        // Pooled handles would keep the file open after the ledger is done with it; opening is cheap.
        Pooling = false,
        DefaultTimeout = (int)BusyTimeout.TotalSeconds,
    }.ToString();

    private SqliteConnection Open() => Open(connectionString);

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, null, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");
        WaitVisiblyWhenLocked(connection, new SqliteConnectionStringBuilder(connectionString).DataSource);
        // FULL: a committed measurement survives a power cut, not only a killed process.
        Execute(connection, null, "PRAGMA synchronous = FULL;");
        return connection;
    }

    /// <summary>Runs <paramref name="body"/> on a fresh connection; SQLite's errors become ones that name this ledger and say what to do.</summary>
    private T Use<T>(Func<SqliteConnection, T> body)
    {
        try
        {
            using var connection = Open();
            return body(connection);
        }
        catch (SqliteException e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    private void Use(Action<SqliteConnection> body) => Use(connection => { body(connection); return 0; });

    /// <summary>A new ledger: the schema is written into a temporary file that is then renamed into place, never over an existing one.</summary>
    private void CreateNew()
    {
        string temporary = AtomicFile.TemporaryPath(DatabasePath);
        try
        {
            // A rollback journal, not WAL, while it is private: each commit is then in the file itself, so what is renamed is
            // whole (a WAL that could not be folded in on close, on a full disk, would be lost with the temporary's -wal).
            using (var connection = Open(ConnectionString(temporary, SqliteOpenMode.ReadWriteCreate)))
                Migrate(connection, wal: false);
            try
            {
                AtomicFile.Publish(temporary, DatabasePath, overwrite: false);
            }
            catch (IOException) when (File.Exists(DatabasePath))
            {
                // Another process created the ledger first: use theirs.
            }
        }
        catch (SqliteException e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
        finally
        {
            foreach (var leftover in new[] { temporary, temporary + "-wal", temporary + "-shm", temporary + "-journal" })
                if (File.Exists(leftover)) File.Delete(leftover);
        }
    }

    /// <summary>Checks an existing ledger (quick_check) and brings its schema up to date; on failure removes only the -wal/-shm this attempt created.</summary>
    private void OpenExisting()
    {
        bool hadWal = File.Exists(DatabasePath + "-wal"), hadShm = File.Exists(DatabasePath + "-shm");
        try
        {
            Use(connection =>
            {
                string problem = Scalar<string>(connection, null, "PRAGMA quick_check(1);") ?? "no answer";
                if (!problem.Equals("ok", StringComparison.OrdinalIgnoreCase))
                    throw Damaged(problem, null);
                Migrate(connection, wal: true);
            });
        }
        catch
        {
            // Only what this attempt made and left empty: a -wal with frames in it holds committed rows.
            if (!hadWal && File.Exists(DatabasePath + "-wal") && new FileInfo(DatabasePath + "-wal").Length == 0)
            {
                TryDelete(DatabasePath + "-wal");
                if (!hadShm) TryDelete(DatabasePath + "-shm");
            }
            throw;
        }
    }

    /// <summary>The tables a Repro ledger has (every schema version); anything else means the file belongs to another program.</summary>
    private static readonly HashSet<string> LedgerTables = new(StringComparer.Ordinal)
    {
        "runs", "run_numerics", "run_failures", "run_ends", "results", "measurements", "accepted",
    };

    private void Migrate(SqliteConnection connection, bool wal)
    {
        // Before anything is written (journal mode, schema): a SQLite file of another program is left exactly as it was.
        if (Scalar<long>(connection, null, "PRAGMA user_version;") == 0)
        {
            var tables = new List<string>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
                using var reader = command.ExecuteReader();
                while (reader.Read()) tables.Add(reader.GetString(0));
            }
            var foreign = tables.Where(t => !LedgerTables.Contains(t)).ToList();
            if (foreign.Count > 0)
                throw new LedgerUnreadableException(
                    $"'{DatabasePath}' is a SQLite database of another program (tables {string.Join(", ", foreign.Take(5))}), not a Repro run ledger; it was left as it was: " +
                    "pass --reports with another folder");
        }
        // Persistent per database file; readers never block the writer and vice versa.
        string mode = Scalar<string>(connection, null, wal ? "PRAGMA journal_mode = WAL;" : "PRAGMA journal_mode = DELETE;") ?? "";
        if (!mode.Equals(wal ? "wal" : "delete", StringComparison.OrdinalIgnoreCase))
            throw new LedgerUnreadableException($"the run ledger '{DatabasePath}': SQLite refused {(wal ? "WAL" : "rollback-journal")} mode (got '{mode}'); is the file on a network share?");

        using var tx = connection.BeginTransaction();
        long version = Scalar<long>(connection, tx, "PRAGMA user_version;");
        if (version > SchemaVersion)
            throw new LedgerUnreadableException(
                $"the run ledger '{DatabasePath}' has schema {version}, newer than this build understands ({SchemaVersion}); update Repro, or pass --reports to use another ledger");
        if (version < SchemaVersion)
        {
            Execute(connection, tx, Schema);
            Execute(connection, tx, $"PRAGMA user_version = {SchemaVersion};");
        }
        tx.Commit();
    }

    /// <summary>What a SQLite error means for this ledger, or null when it is none of the expected ones.</summary>
    internal Exception? Translate(SqliteException e) => e.SqliteErrorCode switch
    {
        5 or 6 => new LedgerBusyException(                    // SQLITE_BUSY, SQLITE_LOCKED
            $"the run ledger '{DatabasePath}' stayed locked by another process{Holders()} for {BusyTimeout.TotalSeconds:F0} s ({e.Message}); " +
            "wait for that run to end and rerun, or pass --reports to use another ledger", e),
        11 or 26 => Damaged(e.Message, e),                   // SQLITE_CORRUPT, SQLITE_NOTADB
        13 => new DiskFullException(                          // SQLITE_FULL
            $"no space left to write the run ledger '{DatabasePath}' ({e.Message}); that write was rolled back and earlier rows are intact", e),
        3 or 8 or 23 => new UnauthorizedAccessException(      // SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH
            $"the run ledger '{DatabasePath}' cannot be written by this user ({e.Message}); the file, its folder and its -wal/-shm files must be writable", e),
        14 when !File.Exists(DatabasePath) && !Directory.Exists(DatabasePath) && !CanCreateFileIn(Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!) =>
            new UnauthorizedAccessException($"the run ledger '{DatabasePath}' cannot be created: its folder is not writable by this user (read-only, " +
                $"immutable or owned by another user) ({e.Message}); make it writable, or pass --reports to use another folder", e),
        14 => Directory.Exists(DatabasePath) || !File.Exists(DatabasePath) // SQLITE_CANTOPEN
            ? new LedgerUnreadableException($"the run ledger '{DatabasePath}' cannot be opened ({e.Message}); expected a SQLite file there", e)
            : new UnauthorizedAccessException($"the run ledger '{DatabasePath}' cannot be opened by this user ({e.Message}); the file and its folder must be readable and writable", e),
        _ => null,
    };

    /// <summary>Whether this process can create a file in <paramref name="folder"/> (the one way to know under root, where permission bits do not bind but read-only mounts and immutable folders do).</summary>
    static bool CanCreateFileIn(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, $".repro-write-probe-{Environment.ProcessId}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception x) when (x is UnauthorizedAccessException or IOException) { return false; }
    }

    /// <summary>Where the note that a command waits for a locked ledger goes (standard error; tests may redirect it).</summary>
    public static TextWriter WaitNotices { get; set; } = Console.Error;

    /// <summary>
    /// SQLite waits silently for a locked ledger (busy_timeout, up to <see cref="BusyTimeout"/>); this says so. A ledger
    /// operation takes milliseconds, so a connection still open after a second while another process holds a lock on the
    /// ledger (/proc/locks) is waiting for it: the command prints that it waits, for whom and how long at most, once.
    /// </summary>
    private static void WaitVisiblyWhenLocked(SqliteConnection connection, string path)
    {
        var watch = new Timer(_ =>
        {
            if (HoldersOf(path) is { Length: > 0 } holders)
                WaitNotices.WriteLine($"repro: the run ledger '{path}' is locked by another process{holders}; waiting up to {BusyTimeout.TotalSeconds:F0} s");
        }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        connection.Disposed += (_, _) => watch.Dispose();
    }

    /// <summary>" (pid 123: repro reproduce ...)": the processes /proc/locks says hold a lock on the ledger or its -wal/-shm; empty when none is known.</summary>
    private string Holders() => HoldersOf(DatabasePath);

    private static string HoldersOf(string databasePath)
    {
        var pids = FileLocks.Holders(databasePath).Concat(FileLocks.Holders(databasePath + "-shm")).Concat(FileLocks.Holders(databasePath + "-wal"))
            .Where(pid => pid != Environment.ProcessId).Distinct().ToList();
        return pids.Count == 0 ? "" : " (" + string.Join("; ", pids.Select(pid => $"pid {pid}: {FileLocks.CommandLine(pid)}")) + ")";
    }

    private LedgerUnreadableException Damaged(string problem, Exception? inner) => new(
        $"the run ledger '{DatabasePath}' is damaged ({problem}); its results cannot be read, and it was left as it was. Move it aside " +
        $"(mv '{DatabasePath}' '{DatabasePath}.damaged') to start a new ledger, or salvage its rows with: sqlite3 '{DatabasePath}' .recover", inner);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_utc TEXT NOT NULL,
            commit_sha TEXT NOT NULL,
            dirty INTEGER NOT NULL CHECK (dirty IN (0, 1)),
            profile TEXT NOT NULL,
            device TEXT NOT NULL,
            torchsharp_version TEXT NOT NULL,
            libtorch_version TEXT NOT NULL,
            machine TEXT NOT NULL,
            command_line TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS run_numerics (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL UNIQUE REFERENCES runs(id),
            json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS run_failures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            experiment TEXT NOT NULL,
            profile TEXT NOT NULL,
            error TEXT NOT NULL,
            recorded_utc TEXT NOT NULL);
        CREATE TRIGGER IF NOT EXISTS run_numerics_append_only_u BEFORE UPDATE ON run_numerics BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: run_numerics rows are never updated'); END;
        CREATE TRIGGER IF NOT EXISTS run_numerics_append_only_d BEFORE DELETE ON run_numerics BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: run_numerics rows are never deleted'); END;
        CREATE TRIGGER IF NOT EXISTS run_failures_append_only_u BEFORE UPDATE ON run_failures BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: run_failures rows are never updated'); END;
        CREATE TRIGGER IF NOT EXISTS run_failures_append_only_d BEFORE DELETE ON run_failures BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: run_failures rows are never deleted'); END;
        CREATE TABLE IF NOT EXISTS run_ends (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL UNIQUE REFERENCES runs(id),
            finished_utc TEXT NOT NULL,
            exit_code INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS results (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            experiment TEXT NOT NULL,
            profile TEXT NOT NULL,
            json TEXT NOT NULL,
            recorded_utc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS results_by_table ON results(experiment, profile, id);
        CREATE TABLE IF NOT EXISTS measurements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            result_id INTEGER REFERENCES results(id),
            experiment TEXT NOT NULL,
            profile TEXT NOT NULL,
            row_id TEXT NOT NULL,
            metric TEXT NOT NULL,
            seed INTEGER,
            value REAL NOT NULL,
            recipe_hash TEXT,
            recorded_utc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS measurements_by_table ON measurements(experiment, profile, run_id);
        CREATE TABLE IF NOT EXISTS accepted (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            result_id INTEGER NOT NULL REFERENCES results(id),
            experiment TEXT NOT NULL,
            profile TEXT NOT NULL,
            accepted_utc TEXT NOT NULL,
            note TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS accepted_by_table ON accepted(experiment, profile, id);
        CREATE TRIGGER IF NOT EXISTS runs_append_only_u BEFORE UPDATE ON runs BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: runs rows are never updated'); END;
        CREATE TRIGGER IF NOT EXISTS runs_append_only_d BEFORE DELETE ON runs BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: runs rows are never deleted'); END;
        CREATE TRIGGER IF NOT EXISTS run_ends_append_only_u BEFORE UPDATE ON run_ends BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: run_ends rows are never updated'); END;
        CREATE TRIGGER IF NOT EXISTS run_ends_append_only_d BEFORE DELETE ON run_ends BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: run_ends rows are never deleted'); END;
        CREATE TRIGGER IF NOT EXISTS results_append_only_u BEFORE UPDATE ON results BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: results rows are never updated'); END;
        CREATE TRIGGER IF NOT EXISTS results_append_only_d BEFORE DELETE ON results BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: results rows are never deleted'); END;
        CREATE TRIGGER IF NOT EXISTS measurements_append_only_u BEFORE UPDATE ON measurements BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: measurements rows are never updated'); END;
        CREATE TRIGGER IF NOT EXISTS measurements_append_only_d BEFORE DELETE ON measurements BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: measurements rows are never deleted'); END;
        CREATE TRIGGER IF NOT EXISTS accepted_append_only_u BEFORE UPDATE ON accepted BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: accepted rows are never updated'); END;
        CREATE TRIGGER IF NOT EXISTS accepted_append_only_d BEFORE DELETE ON accepted BEGIN SELECT RAISE(ABORT, 'the run ledger is append-only: accepted rows are never deleted'); END;
        """;

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static T? Scalar<T>(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        object? result = command.ExecuteScalar();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, typeof(T), CultureInfo.InvariantCulture);
    }
}
