using System.Globalization;
using Microsoft.Data.Sqlite;

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

    public RunLedger(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        string? folder = Path.GetDirectoryName(DatabasePath);
        if (folder is not null) Directory.CreateDirectory(folder);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            // Pooled handles would keep the file open after the ledger is done with it; opening is cheap.
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
        CreateSchema();
    }

    public string DatabasePath { get; }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, null, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");
        // FULL: a committed measurement survives a power cut, not only a killed process.
        Execute(connection, null, "PRAGMA synchronous = FULL;");
        return connection;
    }

    private void CreateSchema()
    {
        using var connection = Open();
        // Persistent per database file; readers never block the writer and vice versa.
        string mode = Scalar<string>(connection, null, "PRAGMA journal_mode = WAL;") ?? "";
        if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{DatabasePath}: SQLite refused WAL mode (got '{mode}'); is the file on a network share?");

        using var tx = connection.BeginTransaction();
        long version = Scalar<long>(connection, tx, "PRAGMA user_version;");
        if (version > SchemaVersion)
            throw new InvalidOperationException($"{DatabasePath}: ledger schema {version} is newer than this build understands ({SchemaVersion}); update Repro.");
        if (version < SchemaVersion)
        {
            Execute(connection, tx, Schema);
            Execute(connection, tx, $"PRAGMA user_version = {SchemaVersion};");
        }
        tx.Commit();
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
