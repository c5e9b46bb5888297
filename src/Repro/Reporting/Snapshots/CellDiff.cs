using Repro.Metrics;

namespace Repro.Reporting.Snapshots;

/// <summary>Why a cell (or a whole row) differs from the verified snapshot.</summary>
public enum CellDiffKind
{
    /// <summary>Both sides have the value; the measurement lies outside the stored band.</summary>
    OutsideTolerance,
    /// <summary>The snapshot has the value; the measurement does not.</summary>
    MissingFromMeasurement,
    /// <summary>The measurement has the value; the snapshot does not.</summary>
    NotInSnapshot,
    /// <summary>The snapshot has the row; the measurement does not.</summary>
    RowMissingFromMeasurement,
    /// <summary>The measurement has the row; the snapshot does not.</summary>
    RowNotInSnapshot,
}

/// <summary>One difference between a measured table and its verified snapshot; <see cref="Metric"/> is null for row-level differences.</summary>
public sealed record CellDiff(
    string RowId,
    string RowLabel,
    string? Metric,
    CellDiffKind Kind,
    SnapshotValue? Expected,
    Tolerance? Tolerance,
    MetricValue? Measured,
    string? Reason = null)
{
    public string Describe()
    {
        string row = $"row '{RowId}' ({RowLabel})";
        string because = Reason is null ? "" : $" ({Reason})";
        return Kind switch
        {
            CellDiffKind.OutsideTolerance =>
                $"{row}, {Metric}: expected {MetricText.Exact(Expected!.Mean)} {Tolerance!.Describe()}{(Expected.Band is null ? "" : " (this cell's band from the seed spread)")} " +
                $"= [{MetricText.Compact(Tolerance.Low(Expected.Mean))}, {MetricText.Compact(Tolerance.High(Expected.Mean))}], " +
                $"measured {MetricText.Exact(Measured!.Mean)} (std {MetricText.Exact(Measured.Std)}, n = {Measured.N})",
            CellDiffKind.MissingFromMeasurement =>
                $"{row}, {Metric}: expected {MetricText.Exact(Expected!.Mean)} {Tolerance!.Describe()}, but it was not measured{because}",
            CellDiffKind.NotInSnapshot =>
                $"{row}, {Metric}: measured {MetricText.Exact(Measured!.Mean)} (n = {Measured.N}), but the verified snapshot has no such value",
            CellDiffKind.RowMissingFromMeasurement => $"{row}: in the verified snapshot, but the result has no such row",
            _ => $"{row}: measured, but the verified snapshot has no such row",
        };
    }
}
