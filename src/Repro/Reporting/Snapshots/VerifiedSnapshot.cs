using System.Text.Json;

namespace Repro.Reporting.Snapshots;

/// <summary>
/// A measured cell as a snapshot keeps it: full-precision mean, std and n, and the half-width of the band a new
/// measurement may fall in (<see cref="SnapshotBand"/>, from the profile's measured seed spread); without a band the
/// snapshot's per-metric tolerance applies.
/// </summary>
public sealed record SnapshotValue(double Mean, double Std, int N, double? Band = null)
{
    /// <summary>The band as a tolerance: this cell's own when it has one, else <paramref name="metricDefault"/>.</summary>
    public Tolerance ToleranceOr(Tolerance metricDefault) => Band is { } b ? Tolerance.Absolute(b) : metricDefault;
}

/// <summary>One row of a snapshot; <see cref="NotMeasured"/> carries the reason for a row without values.</summary>
public sealed record SnapshotRow(string Id, string Label, IReadOnlyDictionary<string, SnapshotValue> Metrics, string? NotMeasured = null);

/// <summary>
/// The accepted measurement of one experiment at one profile (<c>baselines/&lt;profile&gt;/&lt;Experiment&gt;.verified.json</c>,
/// STYLE.md P8): values at full precision plus the tolerance per metric, stored in the file so that a
/// reviewer sees and can edit the band. A run that differs writes the same layout as <c>.received.json</c>.
/// </summary>
public sealed record VerifiedSnapshot(
    string Experiment,
    string PaperReference,
    string Profile,
    string Commit,
    IReadOnlyDictionary<string, string> Tolerances,
    IReadOnlyList<SnapshotRow> Rows)
{
    /// <summary>The tolerance stored for <paramref name="metric"/>, or the catalog default when the file has none.</summary>
    public Tolerance ToleranceFor(string metric) =>
        Tolerances.TryGetValue(metric, out var text) ? Tolerance.Parse(text) : DefaultTolerances.For(metric);

    public SnapshotRow? Row(string id) => Rows.FirstOrDefault(r => r.Id == id);

    /// <summary>
    /// A snapshot of <paramref name="result"/>. Each cell's band comes from <paramref name="spread"/> (the profile's
    /// measured seed spread, <see cref="SnapshotBand"/>) where it has the cell, else from <paramref name="keep"/>'s
    /// cell; per-metric tolerances come from <paramref name="keep"/> (the verified file's, so that a reviewer's edits
    /// survive the next acceptance) and otherwise from the catalog defaults.
    /// </summary>
    public static VerifiedSnapshot FromResult(ExperimentResult result, VerifiedSnapshot? keep = null, SeedSpread? spread = null)
    {
        int? querySamples = SnapshotBand.QuerySamples(result);
        double? Band(string row, string metric, double value) =>
            spread?.Cell(result.Experiment, row, metric) is { } cell ? SnapshotBand.HalfWidth(metric, value, cell, querySamples)
            : keep?.Row(row)?.Metrics.GetValueOrDefault(metric)?.Band;
        ResultValidation.ThrowIfInvalid(result, "cannot snapshot result");
        var order = result.Columns.Select(c => c.Key).ToList();
        int Rank(string key) { int i = order.IndexOf(key); return i < 0 ? int.MaxValue : i; }

        var rows = result.Rows.Select(r => new SnapshotRow(
            r.Id, r.Label,
            r.Metrics.OrderBy(kv => Rank(kv.Key)).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(kv => kv.Key, kv => new SnapshotValue(kv.Value.Mean, kv.Value.Std, kv.Value.N, Band(r.Id, kv.Key, kv.Value.Mean))),
            r.NotMeasuredReason)).ToList();

        var metrics = rows.SelectMany(r => r.Metrics.Keys).Distinct().OrderBy(Rank).ThenBy(k => k, StringComparer.Ordinal);
        var tolerances = metrics.ToDictionary(m => m,
            m => keep is not null && keep.Tolerances.TryGetValue(m, out var kept) ? kept : DefaultTolerances.For(m).ToString());
        return new VerifiedSnapshot(result.Experiment, result.PaperReference, result.Profile, result.Provenance.Commit, tolerances, rows);
    }

    /// <summary>Whether every cell of <paramref name="other"/> has the same band here (rows and metrics by id).</summary>
    public bool SameBands(VerifiedSnapshot other) =>
        Rows.Count == other.Rows.Count && Rows.All(row => other.Row(row.Id) is { } theirs
            && row.Metrics.Count == theirs.Metrics.Count
            && row.Metrics.All(kv => theirs.Metrics.TryGetValue(kv.Key, out var cell) && cell.Band == kv.Value.Band));

    public string ToJson() => JsonSerializer.Serialize(this, ResultsFile.Options) + "\n";

    public static VerifiedSnapshot Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"snapshot not found: {path}", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static VerifiedSnapshot Parse(string json, string source)
    {
        VerifiedSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<VerifiedSnapshot>(json, ResultsFile.Options);
        }
        catch (JsonException e)
        {
            throw new BaselineFormatException(source, (int)(e.LineNumber ?? -1) + 1, e.Path ?? "", $"not a valid snapshot ({e.Message})");
        }
        if (snapshot is null) throw new BaselineFormatException(source, 0, "", "expected a snapshot object, got null");

        foreach (var (metric, text) in snapshot.Tolerances)
            if (!Tolerance.TryParse(text, out _, out string error))
                throw new BaselineFormatException(source, 0, $"tolerances.{metric}", error);
        var ids = new HashSet<string>();
        foreach (var row in snapshot.Rows)
        {
            if (!ids.Add(row.Id)) throw new BaselineFormatException(source, 0, "rows", $"row id '{row.Id}' appears twice; expected unique ids");
            foreach (var (metric, value) in row.Metrics)
                if (!double.IsFinite(value.Mean) || !double.IsFinite(value.Std) || value.Band is { } b && !(double.IsFinite(b) && b >= 0))
                    throw new BaselineFormatException(source, 0, $"rows[{row.Id}].{metric}", "expected finite mean and std, and a band that is a finite number >= 0");
        }
        return snapshot;
    }
}
