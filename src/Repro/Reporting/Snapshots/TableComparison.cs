namespace Repro.Reporting.Snapshots;

/// <summary>The outcome of comparing a measured table with its verified snapshot: every differing cell.</summary>
public sealed record TableComparisonResult(string Experiment, string PaperReference, string Profile, int CellsCompared, IReadOnlyList<CellDiff> Diffs)
{
    public bool Matches => Diffs.Count == 0;

    /// <summary>A readable, cell-by-cell diff naming the table, rows, metrics, expected bands and measured values.</summary>
    public string Describe()
    {
        string head = $"{Experiment} ({PaperReference}), profile '{Profile}': ";
        if (Matches) return head + $"all {CellsCompared} cells within tolerance of the verified snapshot.";
        return head + $"{Diffs.Count} difference(s) from the verified snapshot ({CellsCompared} cells compared):\n"
               + string.Join("\n", Diffs.Select(d => "  - " + d.Describe()));
    }
}

/// <summary>
/// Compares an <see cref="ExperimentResult"/> with a <see cref="VerifiedSnapshot"/> cell by cell, using
/// each cell's band (or the snapshot's per-metric tolerance) stored in the snapshot (STYLE.md P8: "comparers
/// change only the equality check").
/// Rows or metrics present on one side only are differences too.
/// </summary>
public static class TableComparison
{
    public static TableComparisonResult Compare(ExperimentResult measured, VerifiedSnapshot verified)
    {
        if (measured.Experiment != verified.Experiment || measured.Profile != verified.Profile)
            throw new ArgumentException(
                $"cannot compare {measured.Experiment} ({measured.Profile}) with the snapshot of {verified.Experiment} ({verified.Profile})");

        var diffs = new List<CellDiff>();
        int compared = 0;
        var measuredById = measured.Rows.ToDictionary(r => r.Id);
        foreach (var expectedRow in verified.Rows)
        {
            if (!measuredById.TryGetValue(expectedRow.Id, out var row))
            {
                diffs.Add(new CellDiff(expectedRow.Id, expectedRow.Label, null, CellDiffKind.RowMissingFromMeasurement, null, null, null));
                continue;
            }
            foreach (var (metric, expected) in expectedRow.Metrics)
            {
                var tolerance = expected.ToleranceOr(verified.ToleranceFor(metric));
                if (!row.Metrics.TryGetValue(metric, out var value))
                {
                    diffs.Add(new CellDiff(row.Id, row.Label, metric, CellDiffKind.MissingFromMeasurement, expected, tolerance, null, row.NotMeasuredReason));
                    continue;
                }
                compared++;
                if (!tolerance.Contains(expected.Mean, value.Mean))
                    diffs.Add(new CellDiff(row.Id, row.Label, metric, CellDiffKind.OutsideTolerance, expected, tolerance, value));
            }
            foreach (var (metric, value) in row.Metrics.Where(kv => !expectedRow.Metrics.ContainsKey(kv.Key)))
                diffs.Add(new CellDiff(row.Id, row.Label, metric, CellDiffKind.NotInSnapshot, null, null, value));
        }
        var snapshotIds = verified.Rows.Select(r => r.Id).ToHashSet();
        foreach (var row in measured.Rows.Where(r => !snapshotIds.Contains(r.Id)))
            diffs.Add(new CellDiff(row.Id, row.Label, null, CellDiffKind.RowNotInSnapshot, null, null, null));

        return new TableComparisonResult(measured.Experiment, measured.PaperReference, measured.Profile, compared, diffs);
    }
}
