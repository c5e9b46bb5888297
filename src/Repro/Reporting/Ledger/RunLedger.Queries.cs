using Microsoft.Data.Sqlite;

namespace Repro.Reporting.Ledger;

public sealed partial class RunLedger
{
    public IReadOnlyList<LedgerRun> Runs() => Use(connection => ReadRuns(connection, null));

    public LedgerRun? Run(long id) => Use(connection => ReadRuns(connection, id).FirstOrDefault());

    /// <summary>The newest stored result of <paramref name="experiment"/> at <paramref name="profile"/>, or null.</summary>
    public LedgerResult? LatestResult(string experiment, string profile) => Use(connection => ReadResults(connection,
        "SELECT id, run_id, recorded_utc, json FROM results WHERE experiment = $e AND profile = $p ORDER BY id DESC LIMIT 1;",
        ("$e", experiment), ("$p", profile)).FirstOrDefault());

    /// <summary>The result most recently marked accepted for <paramref name="experiment"/> at <paramref name="profile"/>, or null.</summary>
    public LedgerResult? LatestAccepted(string experiment, string profile) => Use(connection => ReadResults(connection, """
        SELECT r.id, r.run_id, r.recorded_utc, r.json FROM results r
        WHERE r.id = (SELECT result_id FROM accepted WHERE experiment = $e AND profile = $p ORDER BY id DESC LIMIT 1);
        """, ("$e", experiment), ("$p", profile)).FirstOrDefault());

    /// <summary>The newest result of every experiment and profile the ledger has seen.</summary>
    public IReadOnlyList<LedgerResult> LatestResults() => Use(connection => ReadResults(connection, """
        SELECT r.id, r.run_id, r.recorded_utc, r.json FROM results r
        JOIN (SELECT MAX(id) AS id FROM results GROUP BY experiment, profile) newest ON newest.id = r.id
        ORDER BY r.experiment, r.profile;
        """));

    /// <summary>Every recorded experiment failure, oldest first; only those of run <paramref name="runId"/> when given.</summary>
    public IReadOnlyList<LedgerFailure> Failures(long? runId = null) => Use(connection => ReadFailures(connection, """
        SELECT id, run_id, experiment, profile, error, recorded_utc FROM run_failures
        WHERE $run IS NULL OR run_id = $run ORDER BY id;
        """, ("$run", (object?)runId ?? DBNull.Value)));

    /// <summary>The newest failure of every experiment and profile that ever failed (whether or not a later run measured it).</summary>
    public IReadOnlyList<LedgerFailure> LatestFailures() => Use(connection => ReadFailures(connection, """
        SELECT f.id, f.run_id, f.experiment, f.profile, f.error, f.recorded_utc FROM run_failures f
        JOIN (SELECT MAX(id) AS id FROM run_failures GROUP BY experiment, profile) newest ON newest.id = f.id
        ORDER BY f.experiment, f.profile;
        """));

    /// <summary>Ids of the results that are currently the accepted one of their experiment and profile.</summary>
    public IReadOnlySet<long> AcceptedResultIds() => Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.result_id FROM accepted a
            JOIN (SELECT MAX(id) AS id FROM accepted GROUP BY experiment, profile) newest ON newest.id = a.id;
            """;
        var ids = new HashSet<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return (IReadOnlySet<long>)ids;
    });

    /// <summary>How one metric of one row moved across stored results, oldest first.</summary>
    public MetricHistory History(string experiment, string profile, string rowId, string metric) =>
        Histories(experiment, profile).FirstOrDefault(h => h.RowId == rowId && h.Metric == metric)
        ?? new MetricHistory(experiment, profile, rowId, metric, Array.Empty<MetricHistoryPoint>());

    /// <summary>
    /// Every row and metric of <paramref name="experiment"/> at <paramref name="profile"/> across runs: one
    /// point per stored result (or per run for loose measurements), mean ± std over its seeds. One query.
    /// </summary>
    public IReadOnlyList<MetricHistory> Histories(string experiment, string profile) => Use(connection =>
    {
        var runs = ReadRuns(connection, null).ToDictionary(r => r.Id);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT run_id, result_id, row_id, metric, value, recorded_utc FROM measurements
            WHERE experiment = $e AND profile = $p ORDER BY run_id, id;
            """;
        command.Parameters.AddWithValue("$e", experiment);
        command.Parameters.AddWithValue("$p", profile);

        var groups = new Dictionary<(string Row, string Metric), Dictionary<(long Run, long? Result), (List<double> Values, string Recorded)>>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                long run = reader.GetInt64(0);
                long? result = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                var key = (reader.GetString(2), reader.GetString(3));
                if (!groups.TryGetValue(key, out var byRun)) groups[key] = byRun = new();
                if (!byRun.TryGetValue((run, result), out var bucket)) byRun[(run, result)] = bucket = (new List<double>(), reader.GetString(5));
                bucket.Values.Add(reader.GetDouble(4));
            }
        }

        return groups.Select(g => new MetricHistory(experiment, profile, g.Key.Row, g.Key.Metric,
                g.Value.OrderBy(p => p.Key.Run).ThenBy(p => p.Key.Result ?? long.MaxValue).Select(p =>
                {
                    var v = Repro.Metrics.MetricValue.FromSeeds(p.Value.Values, $"{experiment}/{g.Key.Row}/{g.Key.Metric}");
                    return new MetricHistoryPoint(p.Key.Run, p.Key.Result, ParseTime(p.Value.Recorded),
                        runs.TryGetValue(p.Key.Run, out var r) ? r.Info.Commit : "", v.Mean, v.Std, v.N);
                }).ToList()))
            .OrderBy(h => h.RowId, StringComparer.Ordinal).ThenBy(h => h.Metric, StringComparer.Ordinal)
            .ToList<MetricHistory>();
    });

    public LedgerCounts Counts() => Use(connection =>
    {
        long Count(string table) => Scalar<long>(connection, null, $"SELECT COUNT(*) FROM {table};");
        return new LedgerCounts(Count("runs"), Count("run_ends"), Count("measurements"), Count("results"), Count("accepted"), Count("run_failures"));
    });

    private List<LedgerRun> ReadRuns(SqliteConnection connection, long? id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.id, r.started_utc, r.commit_sha, r.dirty, r.profile, r.device, r.torchsharp_version, r.libtorch_version,
                   r.machine, r.command_line, e.finished_utc, e.exit_code, n.json
            FROM runs r LEFT JOIN run_ends e ON e.run_id = r.id LEFT JOIN run_numerics n ON n.run_id = r.id
            WHERE $id IS NULL OR r.id = $id ORDER BY r.id;
            """;
        command.Parameters.AddWithValue("$id", (object?)id ?? DBNull.Value);
        var runs = new List<LedgerRun>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var info = new RunInfo(ParseTime(reader.GetString(1)), reader.GetString(2), reader.GetInt64(3) == 1, reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9),
                reader.IsDBNull(12) ? null : ReadNumerics(reader.GetString(12)));
            runs.Add(new LedgerRun(reader.GetInt64(0), info,
                reader.IsDBNull(10) ? null : ParseTime(reader.GetString(10)),
                reader.IsDBNull(11) ? null : (int)reader.GetInt64(11)));
        }
        return runs;
    }

    // A numerics record this build cannot read (written by a newer one) is shown as absent, not as an error.
    private static Runtime.NumericsRecord? ReadNumerics(string json)
    {
        try { return System.Text.Json.JsonSerializer.Deserialize<Runtime.NumericsRecord>(json); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private List<LedgerResult> ReadResults(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var results = new List<LedgerResult>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            long id = reader.GetInt64(0);
            ExperimentResult result;
            try
            {
                result = ResultsFile.Deserialize(reader.GetString(3), $"{DatabasePath}, result {id}");
            }
            catch (InvalidDataException e)
            {
                throw new LedgerUnreadableException($"the run ledger holds a result this build cannot read: {e.Message}", e);
            }
            results.Add(new LedgerResult(id, reader.GetInt64(1), ParseTime(reader.GetString(2)), result));
        }
        return results;
    }

    private static List<LedgerFailure> ReadFailures(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var failures = new List<LedgerFailure>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            failures.Add(new LedgerFailure(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), ParseTime(reader.GetString(5))));
        return failures;
    }
}
