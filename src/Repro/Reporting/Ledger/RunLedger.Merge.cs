using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Repro.Reporting.Ledger;

public sealed partial class RunLedger
{
    /// <summary>A table the merge copies: its columns besides the id, which of them point at runs or results, and the order to read it in.</summary>
    private sealed record MergedTable(string Name, string[] Columns, string Order, string? RunColumn = null, string? ResultColumn = null);

    // Parents before children, so that every reference is mapped before it is copied; runs by start time, so merged ids follow time.
    private static readonly MergedTable[] MergedTables =
    {
        new("runs", new[] { "started_utc", "commit_sha", "dirty", "profile", "device", "torchsharp_version", "libtorch_version", "machine", "command_line" }, "started_utc, id"),
        new("run_numerics", new[] { "run_id", "json" }, "id", RunColumn: "run_id"),
        new("run_ends", new[] { "run_id", "finished_utc", "exit_code" }, "id", RunColumn: "run_id"),
        new("run_failures", new[] { "run_id", "experiment", "profile", "error", "recorded_utc" }, "id", RunColumn: "run_id"),
        new("results", new[] { "run_id", "experiment", "profile", "json", "recorded_utc" }, "id", RunColumn: "run_id"),
        new("measurements", new[] { "run_id", "result_id", "experiment", "profile", "row_id", "metric", "seed", "value", "recipe_hash", "recorded_utc" }, "id",
            RunColumn: "run_id", ResultColumn: "result_id"),
        new("accepted", new[] { "result_id", "experiment", "profile", "accepted_utc", "note" }, "id", ResultColumn: "result_id"),
    };

    /// <summary>
    /// Adds to this ledger every row of the ledger at <paramref name="sourcePath"/> that it does not hold yet: runs, their numerics,
    /// ends and failures, results, measurements and acceptances, with the source's ids mapped to this ledger's. A row is the same
    /// row when all its values are (references compared after mapping), counted with multiplicity, so nothing is lost, nothing is
    /// doubled, and merging the same ledger again adds nothing; a run merged while it was going gets its end and later rows on the
    /// next merge. One transaction: a failure part-way adds nothing.
    /// </summary>
    /// <returns>How many rows of each table were added.</returns>
    public LedgerCounts Merge(string sourcePath)
    {
        var source = new RunLedger(sourcePath);
        if (string.Equals(source.DatabasePath, DatabasePath, StringComparison.Ordinal))
            throw new ArgumentException($"cannot merge the run ledger '{DatabasePath}' into itself");
        var rows = source.Use(connection => MergedTables.ToDictionary(t => t.Name, t => ReadRows(connection, t)));
        return Use(connection =>
        {
            using var tx = connection.BeginTransaction();
            var runs = new Dictionary<long, long>();
            var results = new Dictionary<long, long>();
            var added = new Dictionary<string, long>();
            foreach (var table in MergedTables)
            {
                var present = ExistingRows(connection, tx, table);
                long count = 0;
                foreach (var (sourceId, values) in rows[table.Name])
                {
                    var mapped = Map(table, values, runs, results);
                    string identity = Identity(mapped);
                    long targetId;
                    if (present.TryGetValue(identity, out var ids) && ids.Count > 0) targetId = ids.Dequeue();
                    else
                    {
                        targetId = Insert(connection, tx, table, mapped, source.DatabasePath);
                        count++;
                    }
                    if (table.Name == "runs") runs[sourceId] = targetId;
                    if (table.Name == "results") results[sourceId] = targetId;
                }
                added[table.Name] = count;
            }
            tx.Commit();
            return new LedgerCounts(added["runs"], added["run_ends"], added["measurements"], added["results"], added["accepted"], added["run_failures"]);
        });
    }

    private static List<(long Id, object?[] Values)> ReadRows(SqliteConnection connection, MergedTable table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, {string.Join(", ", table.Columns)} FROM {table.Name} ORDER BY {table.Order};";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, object?[])>();
        while (reader.Read())
        {
            var values = new object?[table.Columns.Length];
            for (int i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1);
            rows.Add((reader.GetInt64(0), values));
        }
        return rows;
    }

    /// <summary>This ledger's rows of <paramref name="table"/>: the ids of the rows of each identity, oldest first.</summary>
    private static Dictionary<string, Queue<long>> ExistingRows(SqliteConnection connection, SqliteTransaction tx, MergedTable table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT id, {string.Join(", ", table.Columns)} FROM {table.Name} ORDER BY id;";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, Queue<long>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var values = new object?[table.Columns.Length];
            for (int i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1);
            string identity = Identity(values);
            if (!rows.TryGetValue(identity, out var ids)) rows[identity] = ids = new Queue<long>();
            ids.Enqueue(reader.GetInt64(0));
        }
        return rows;
    }

    private static object?[] Map(MergedTable table, object?[] values, Dictionary<long, long> runs, Dictionary<long, long> results)
    {
        var mapped = (object?[])values.Clone();
        for (int i = 0; i < table.Columns.Length; i++)
        {
            if (mapped[i] is not long id) continue;
            if (table.Columns[i] == table.RunColumn) mapped[i] = runs[id];
            else if (table.Columns[i] == table.ResultColumn) mapped[i] = results[id];
        }
        return mapped;
    }

    private static long Insert(SqliteConnection connection, SqliteTransaction tx, MergedTable table, object?[] values, string source)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$v{i}"))}) RETURNING id;";
        for (int i = 0; i < values.Length; i++) command.Parameters.AddWithValue($"$v{i}", values[i] ?? DBNull.Value);
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: a run's one end or numerics row, differing
        {
            throw new InvalidDataException($"cannot merge '{source}': its {table.Name} row for run {values[0]} differs from the one this ledger holds for the same run", e);
        }
    }

    /// <summary>The values of a row as one text: typed, so that 1 and "1" differ, and doubles round-trip exactly.</summary>
    private static string Identity(object?[] values) => string.Join("\u001f", values.Select(v => v switch
    {
        null => "n",
        long l => "i" + l.ToString(CultureInfo.InvariantCulture),
        double d => "r" + d.ToString("R", CultureInfo.InvariantCulture),
        string s => "s" + s,
        byte[] b => "b" + Convert.ToHexString(b),
        _ => "o" + Convert.ToString(v, CultureInfo.InvariantCulture),
    }));
}
