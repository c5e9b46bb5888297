using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>One paper cell against its measurement: the band, the measured value and the signed difference.</summary>
public sealed record CellComparison(PaperCell Paper, MetricValue? Measured)
{
    public string Metric => Paper.Metric;
    public double? Delta => Measured is null ? null : Measured.Mean - Paper.Mean;
    public bool? WithinTolerance => Measured is null ? null : Paper.Contains(Measured.Mean);
}

/// <summary>One paper row against the measured row of the same id.</summary>
public sealed record RowComparison(PaperRow Paper, ResultRow? Measured, RowVerdict Verdict, string? Reason, IReadOnlyList<CellComparison> Cells);

/// <summary>A whole table against the paper at one profile; <see cref="ExtraRows"/> were measured but are not in the paper.</summary>
public sealed record ExperimentVerdict(string Experiment, string Profile, IReadOnlyList<RowComparison> Rows, IReadOnlyList<ResultRow> ExtraRows)
{
    public VerdictCounts Counts => VerdictCounts.Of(Rows.Select(r => r.Verdict));

    /// <summary>"12 of 27 rows reproduced, 5 partly, 3 not, 7 not measured" style summary.</summary>
    public string Summary()
    {
        var c = Counts;
        var parts = new List<string> { $"{c.Reproduced} of {c.Total} rows reproduced" };
        if (c.Partly > 0) parts.Add($"{c.Partly} partly");
        if (c.NotReproduced > 0) parts.Add($"{c.NotReproduced} not reproduced");
        if (c.NotAtThisScale > 0) parts.Add($"{c.NotAtThisScale} not expected at this scale");
        if (c.NotMeasured > 0) parts.Add($"{c.NotMeasured} not measured");
        return string.Join(", ", parts);
    }
}

/// <summary>Verdicts per row of a measured table against the paper's baseline (the paper side of STYLE.md P7).</summary>
public static class PaperComparison
{
    /// <param name="result">The measurement, or null when the experiment did not run at <paramref name="profile"/>.</param>
    /// <param name="notRunReason">Why there is no result (e.g. not measurable offline); defaults to "not run at profile X".</param>
    public static ExperimentVerdict Compare(PaperBaseline baseline, ExperimentResult? result, string profile, string? notRunReason = null)
    {
        if (result is not null && result.Experiment != baseline.Experiment)
            throw new ArgumentException($"result of {result.Experiment} compared with the paper baseline of {baseline.Experiment}");

        var rows = new List<RowComparison>(baseline.Rows.Count);
        foreach (var paperRow in baseline.Rows)
        {
            var measured = result?.Rows.FirstOrDefault(r => r.Id == paperRow.Id);
            rows.Add(CompareRow(paperRow, measured, result is null ? notRunReason ?? $"not run at profile '{profile}'" : null));
        }
        var known = baseline.Rows.Select(r => r.Id).ToHashSet();
        var extra = result?.Rows.Where(r => !known.Contains(r.Id)).ToList() ?? new List<ResultRow>();
        return new ExperimentVerdict(baseline.Experiment, profile, rows, extra);
    }

    private static RowComparison CompareRow(PaperRow paper, ResultRow? measured, string? notRunReason)
    {
        var cells = paper.Cells.Select(c => new CellComparison(c, measured?.Metrics.GetValueOrDefault(c.Metric))).ToList();
        if (notRunReason is not null)
            return new RowComparison(paper, null, RowVerdict.NotMeasured, notRunReason, cells);
        if (measured is null)
            return new RowComparison(paper, null, RowVerdict.NotMeasured, "the result has no row with this id", cells);
        if (measured.NotMeasuredReason is not null)
            return new RowComparison(paper, measured, RowVerdict.NotMeasured, measured.NotMeasuredReason, cells);

        var compared = cells.Where(c => c.Measured is not null).ToList();
        if (compared.Count == 0)
            return new RowComparison(paper, measured, RowVerdict.NotMeasured,
                $"none of the paper's metrics ({string.Join(", ", paper.Cells.Select(c => c.Metric))}) was measured", cells);
        if (measured.NotAtThisScaleReason is not null)
            return new RowComparison(paper, measured, RowVerdict.NotAtThisScale, measured.NotAtThisScaleReason, cells);

        int within = compared.Count(c => c.WithinTolerance == true);
        var verdict = within == compared.Count ? RowVerdict.Reproduced : within == 0 ? RowVerdict.NotReproduced : RowVerdict.Partly;
        var outside = compared.Where(c => c.WithinTolerance == false).Select(c => c.Metric).ToList();
        var missing = cells.Where(c => c.Measured is null).Select(c => c.Metric).ToList();
        var notes = new List<string>();
        if (outside.Count > 0) notes.Add("outside tolerance: " + string.Join(", ", outside));
        if (missing.Count > 0) notes.Add("not measured: " + string.Join(", ", missing));
        return new RowComparison(paper, measured, verdict, notes.Count > 0 ? string.Join("; ", notes) : null, cells);
    }
}
