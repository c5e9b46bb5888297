using System.Globalization;
using Microsoft.Data.Sqlite;
using Repro.Storage;

namespace Repro.Remote;

/// <summary>
/// The durable log of a remote attack's queries (a SQLite file, in the run ledger's manner: WAL, synchronous FULL, every
/// write one transaction, created whole through a temporary file). One row per request, keyed by (run, sequence number):
/// the SHA-256 of exactly what was sent (datatype, shape, bytes and sample tags; the images themselves are not kept, they
/// would be gigabytes), the images it carried and the server's whole answer, written before the answer is used. Requests
/// whose every attempt failed are logged too, with the count of attempts. An interrupted attack rerun with the same run
/// name replays itself: request k is looked up, and if it was answered the answer is served from here, not sent again.
/// A request that differs from the journal's request k means another attack; that is refused, not mixed.
/// </summary>
public sealed class QueryJournal
{
    const int SchemaVersion = 1;
    readonly string connectionString;
    readonly object gate = new();

    public QueryJournal(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(Path)) throw new ArgumentException($"the query journal '{Path}' is a folder; it must be a SQLite file, or absent (a new one is then started)");
        WritableFolder.Ensure(System.IO.Path.GetDirectoryName(Path)!, "the folder of the query journal");
        connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60 }.ToString();
        if (!File.Exists(Path)) Create();
        else if (new FileInfo(Path).Length == 0)
            throw new InvalidDataException($"the query journal '{Path}' is empty (0 bytes); delete it to start a new one (its answers are gone)");
        Use(connection =>
        {
            Execute(connection, "PRAGMA journal_mode = WAL;");
            long version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
            if (version != SchemaVersion)
                throw new InvalidDataException($"the query journal '{Path}' has schema {version}; this build reads {SchemaVersion}");
            return 0;
        });
    }

    public string Path { get; }

    /// <summary>One journaled answer.</summary>
    public sealed record Entry(string RequestHash, long Images, string Datatype, long[] Shape, byte[] Answer);

    /// <summary>The answer to request <paramref name="sequence"/> of <paramref name="run"/>, or null when it was never answered.</summary>
    public Entry? Answered(string run, long sequence) => Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_hash, images, datatype, shape, answer FROM requests WHERE run = $run AND sequence = $sequence AND answer IS NOT NULL;";
        command.Parameters.AddWithValue("$run", run);
        command.Parameters.AddWithValue("$sequence", sequence);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var shape = reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new Entry(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), shape, (byte[])reader[4]);
    });

    /// <summary>The hash journaled for request <paramref name="sequence"/> (answered or not), or null.</summary>
    public string? HashOf(string run, long sequence) => Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_hash FROM requests WHERE run = $run AND sequence = $sequence;";
        command.Parameters.AddWithValue("$run", run);
        command.Parameters.AddWithValue("$sequence", sequence);
        return command.ExecuteScalar() as string;
    });

    /// <summary>Logs an answered request with its answer (output datatype, shape and raw little-endian elements).</summary>
    public void RecordAnswer(string run, long sequence, string hash, string samples, long images, long attempts, string datatype, long[] shape, byte[] answer) =>
        Write(run, sequence, hash, samples, images, attempts, datatype, shape, answer);

    /// <summary>Logs a request that got no answer (every attempt failed or the run was stopped while it was in flight).</summary>
    public void RecordFailure(string run, long sequence, string hash, string samples, long images, long attempts) =>
        Write(run, sequence, hash, samples, images, attempts, null, null, null);

    /// <summary>Requests and images journaled for <paramref name="run"/>: answered, and failed.</summary>
    public (long Answered, long AnsweredImages, long Unanswered) Totals(string run) => Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(answer), COALESCE(SUM(CASE WHEN answer IS NULL THEN 0 ELSE images END), 0), COUNT(*) - COUNT(answer) FROM requests WHERE run = $run;";
        command.Parameters.AddWithValue("$run", run);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    });

    void Write(string run, long sequence, string hash, string samples, long images, long attempts, string? datatype, long[]? shape, byte[]? answer)
    {
        Use(connection =>
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            // A failure row is superseded by the answer when the resumed run gets one; an answer is never overwritten.
            command.CommandText = """
                INSERT INTO requests (run, sequence, request_hash, samples, images, attempts, datatype, shape, answer, logged_utc)
                VALUES ($run, $sequence, $hash, $samples, $images, $attempts, $datatype, $shape, $answer, $utc)
                ON CONFLICT (run, sequence) DO UPDATE SET attempts = requests.attempts + excluded.attempts,
                    datatype = excluded.datatype, shape = excluded.shape, answer = excluded.answer, logged_utc = excluded.logged_utc
                WHERE requests.answer IS NULL AND requests.request_hash = excluded.request_hash;
                """;
            command.Parameters.AddWithValue("$run", run);
            command.Parameters.AddWithValue("$sequence", sequence);
            command.Parameters.AddWithValue("$hash", hash);
            command.Parameters.AddWithValue("$samples", samples);
            command.Parameters.AddWithValue("$images", images);
            command.Parameters.AddWithValue("$attempts", attempts);
            command.Parameters.AddWithValue("$datatype", (object?)datatype ?? DBNull.Value);
            command.Parameters.AddWithValue("$shape", shape is null ? DBNull.Value : string.Join(",", shape));
            command.Parameters.AddWithValue("$answer", (object?)answer ?? DBNull.Value);
            command.Parameters.AddWithValue("$utc", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
            tx.Commit();
            return 0;
        });
    }

    void Create()
    {
        string temporary = AtomicFile.TemporaryPath(Path);
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString) { DataSource = temporary, Mode = SqliteOpenMode.ReadWriteCreate };
            using (var connection = new SqliteConnection(builder.ToString()))
            {
                connection.Open();
                Execute(connection, """
                    CREATE TABLE requests (
                        run TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        request_hash TEXT NOT NULL,
                        samples TEXT NOT NULL,
                        images INTEGER NOT NULL,
                        attempts INTEGER NOT NULL,
                        datatype TEXT,
                        shape TEXT,
                        answer BLOB,
                        logged_utc TEXT NOT NULL,
                        PRIMARY KEY (run, sequence));
                    """);
                Execute(connection, $"PRAGMA user_version = {SchemaVersion};");
            }
            try
            {
                AtomicFile.Publish(temporary, Path, overwrite: false);
            }
            catch (IOException) when (File.Exists(Path))
            {
                // Another process created it first: use theirs.
            }
        }
        finally
        {
            foreach (var leftover in new[] { temporary, temporary + "-journal" })
                if (File.Exists(leftover)) File.Delete(leftover);
        }
    }

    T Use<T>(Func<SqliteConnection, T> body)
    {
        // One writer at a time within the process; SQLite's busy timeout orders processes.
        lock (gate)
        {
            try
            {
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                // FULL: an answer logged survives a power cut, so a resumed run never pays for it again.
                Execute(connection, "PRAGMA synchronous = FULL;");
                return body(connection);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
            {
                throw new InvalidDataException($"the query journal '{Path}' is damaged ({e.Message}); move it aside to start a new one", e);
            }
        }
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
