using Microsoft.Data.Sqlite;

namespace Repro.Reporting.Ledger;

public sealed partial class RunLedger
{
    /// <returns>The new run's id.</returns>
    public long StartRun(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Use(connection => StartRun(connection, run));
    }

    private static long StartRun(SqliteConnection connection, RunInfo run)
    {
        using var tx = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO runs (started_utc, commit_sha, dirty, profile, device, torchsharp_version, libtorch_version, machine, command_line)
            VALUES ($started, $commit, $dirty, $profile, $device, $torchsharp, $libtorch, $machine, $command)
            RETURNING id;
            """;
        command.Parameters.AddWithValue("$started", Time(run.StartedUtc));
        command.Parameters.AddWithValue("$commit", run.Commit);
        command.Parameters.AddWithValue("$dirty", run.Dirty ? 1 : 0);
        command.Parameters.AddWithValue("$profile", run.Profile);
        command.Parameters.AddWithValue("$device", run.Device);
        command.Parameters.AddWithValue("$torchsharp", run.TorchSharpVersion);
        command.Parameters.AddWithValue("$libtorch", run.LibTorchVersion);
        command.Parameters.AddWithValue("$machine", run.Machine);
        command.Parameters.AddWithValue("$command", run.CommandLine);
        long id = (long)command.ExecuteScalar()!;
        if (run.Numerics is not null)
        {
            using var numerics = connection.CreateCommand();
            numerics.Transaction = tx;
            numerics.CommandText = "INSERT INTO run_numerics (run_id, json) VALUES ($run, $json);";
            numerics.Parameters.AddWithValue("$run", id);
            numerics.Parameters.AddWithValue("$json", System.Text.Json.JsonSerializer.Serialize(run.Numerics));
            numerics.ExecuteNonQuery();
        }
        tx.Commit();
        return id;
    }

    /// <summary>Marks a run finished by adding a row (runs rows are never updated). A run finishes once.</summary>
    public void FinishRun(long runId, DateTimeOffset finishedUtc, int exitCode = 0) => Use(connection =>
    {
        using var tx = connection.BeginTransaction();
        RequireRun(connection, tx, runId);
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO run_ends (run_id, finished_utc, exit_code) VALUES ($run, $finished, $exit);";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$finished", Time(finishedUtc));
        command.Parameters.AddWithValue("$exit", exitCode);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: UNIQUE(run_id)
        {
            throw new InvalidOperationException($"run {runId} is already marked finished in {DatabasePath}", e);
        }
        tx.Commit();
    });

    /// <summary>
    /// Adds measurements in one transaction: all of them or, if anything fails part-way (a non-finite
    /// value, the enumeration throwing, the process dying), none of them.
    /// </summary>
    /// <returns>How many were added.</returns>
    public int RecordMeasurements(long runId, IEnumerable<Measurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        return Use(connection =>
        {
            using var tx = connection.BeginTransaction();
            RequireRun(connection, tx, runId);
            using var insert = MeasurementInsert(connection, tx);
            int count = 0;
            foreach (var m in measurements)
            {
                Insert(insert, runId, null, m);
                count++;
            }
            tx.Commit();
            return count;
        });
    }

    /// <summary>
    /// Stores a whole result: its JSON and one measurement per row, metric and seed, in one transaction.
    /// The per-seed values are paired with <see cref="Provenance.Seeds"/> when the counts agree; the recipe
    /// hash comes from the row's <see cref="ResultRow.ArtifactDetail"/> detail.
    /// </summary>
    /// <returns>The result's id (what <see cref="Accept"/> takes).</returns>
    public long RecordResult(long runId, ExperimentResult result, DateTimeOffset recordedUtc)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Use(connection => RecordResult(connection, runId, result, recordedUtc));
    }

    private long RecordResult(SqliteConnection connection, long runId, ExperimentResult result, DateTimeOffset recordedUtc)
    {
        using var tx = connection.BeginTransaction();
        RequireRun(connection, tx, runId);

        long resultId;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO results (run_id, experiment, profile, json, recorded_utc)
                VALUES ($run, $experiment, $profile, $json, $recorded) RETURNING id;
                """;
            command.Parameters.AddWithValue("$run", runId);
            command.Parameters.AddWithValue("$experiment", result.Experiment);
            command.Parameters.AddWithValue("$profile", result.Profile);
            command.Parameters.AddWithValue("$json", ResultsFile.Serialize(result));
            command.Parameters.AddWithValue("$recorded", Time(recordedUtc));
            resultId = (long)command.ExecuteScalar()!;
        }

        using var insert = MeasurementInsert(connection, tx);
        foreach (var m in MeasurementsOf(result, recordedUtc)) Insert(insert, runId, resultId, m);
        tx.Commit();
        return resultId;
    }

    /// <summary>Marks a stored result as the accepted one for its experiment and profile (a new row; the newest acceptance wins).</summary>
    public long Accept(long resultId, DateTimeOffset acceptedUtc, string note = "") => Use(connection =>
    {
        using var tx = connection.BeginTransaction();
        string? experiment = null, profile = null;
        using (var find = connection.CreateCommand())
        {
            find.Transaction = tx;
            find.CommandText = "SELECT experiment, profile FROM results WHERE id = $id;";
            find.Parameters.AddWithValue("$id", resultId);
            using var reader = find.ExecuteReader();
            if (reader.Read()) { experiment = reader.GetString(0); profile = reader.GetString(1); }
        }
        if (experiment is null || profile is null)
            throw new KeyNotFoundException($"{DatabasePath} has no result {resultId} to accept");

        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO accepted (result_id, experiment, profile, accepted_utc, note)
            VALUES ($result, $experiment, $profile, $at, $note) RETURNING id;
            """;
        command.Parameters.AddWithValue("$result", resultId);
        command.Parameters.AddWithValue("$experiment", experiment);
        command.Parameters.AddWithValue("$profile", profile);
        command.Parameters.AddWithValue("$at", Time(acceptedUtc));
        command.Parameters.AddWithValue("$note", note);
        long id = (long)command.ExecuteScalar()!;
        tx.Commit();
        return id;
    });

    /// <summary>
    /// Records that <paramref name="experiment"/> stopped with an error in run <paramref name="runId"/> (a new row; the
    /// run's other experiments and their results are unaffected). The report marks the experiment failed at that profile
    /// until a later run records a result for it.
    /// </summary>
    /// <returns>The failure's id.</returns>
    public long RecordFailure(long runId, string experiment, string profile, string error, DateTimeOffset recordedUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return Use(connection =>
        {
            using var tx = connection.BeginTransaction();
            RequireRun(connection, tx, runId);
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO run_failures (run_id, experiment, profile, error, recorded_utc)
                VALUES ($run, $experiment, $profile, $error, $recorded) RETURNING id;
                """;
            command.Parameters.AddWithValue("$run", runId);
            command.Parameters.AddWithValue("$experiment", experiment);
            command.Parameters.AddWithValue("$profile", profile);
            command.Parameters.AddWithValue("$error", error);
            command.Parameters.AddWithValue("$recorded", Time(recordedUtc));
            long id = (long)command.ExecuteScalar()!;
            tx.Commit();
            return id;
        });
    }

    private static IEnumerable<Measurement> MeasurementsOf(ExperimentResult result, DateTimeOffset recordedUtc)
    {
        var seeds = result.Provenance.Seeds;
        foreach (var row in result.Rows)
        {
            string? recipe = row.Details?.GetValueOrDefault(ResultRow.ArtifactDetail);
            foreach (var (metric, value) in row.Metrics)
            {
                if (value.PerSeed.Count == 0)
                {
                    yield return new Measurement(result.Experiment, result.Profile, row.Id, metric, null, value.Mean, recipe, recordedUtc);
                    continue;
                }
                for (int i = 0; i < value.PerSeed.Count; i++)
                {
                    int? seed = seeds.Count == value.PerSeed.Count ? seeds[i] : null;
                    yield return new Measurement(result.Experiment, result.Profile, row.Id, metric, seed, value.PerSeed[i], recipe, recordedUtc);
                }
            }
        }
    }

    private static SqliteCommand MeasurementInsert(SqliteConnection connection, SqliteTransaction tx)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO measurements (run_id, result_id, experiment, profile, row_id, metric, seed, value, recipe_hash, recorded_utc)
            VALUES ($run, $result, $experiment, $profile, $row, $metric, $seed, $value, $recipe, $recorded);
            """;
        foreach (var name in new[] { "$run", "$result", "$experiment", "$profile", "$row", "$metric", "$seed", "$value", "$recipe", "$recorded" })
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Insert(SqliteCommand insert, long runId, long? resultId, Measurement m)
    {
        if (!double.IsFinite(m.Value))
            throw new ArgumentException(
                $"{m.Experiment} ({m.Profile}), row '{m.RowId}', metric '{m.Metric}', seed {m.Seed?.ToString() ?? "-"}: value is {m.Value}; a metric must be a finite number");
        var p = insert.Parameters;
        p["$run"].Value = runId;
        p["$result"].Value = (object?)resultId ?? DBNull.Value;
        p["$experiment"].Value = m.Experiment;
        p["$profile"].Value = m.Profile;
        p["$row"].Value = m.RowId;
        p["$metric"].Value = m.Metric;
        p["$seed"].Value = (object?)m.Seed ?? DBNull.Value;
        p["$value"].Value = m.Value;
        p["$recipe"].Value = (object?)m.RecipeHash ?? DBNull.Value;
        p["$recorded"].Value = Time(m.RecordedUtc);
        insert.ExecuteNonQuery();
    }

    private void RequireRun(SqliteConnection connection, SqliteTransaction tx, long runId)
    {
        if (Scalar<long>(connection, tx, "SELECT COUNT(*) FROM runs WHERE id = $id;", ("$id", runId)) == 0)
            throw new KeyNotFoundException($"{DatabasePath} has no run {runId}; start it with StartRun first");
    }
}
