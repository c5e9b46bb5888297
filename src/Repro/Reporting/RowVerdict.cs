namespace Repro.Reporting;

/// <summary>How one table row compares with the paper (per profile).</summary>
public enum RowVerdict
{
    /// <summary>Every metric the paper prints for the row, and that was measured, lies within its tolerance.</summary>
    Reproduced,
    /// <summary>Some of them do.</summary>
    Partly,
    /// <summary>None of them do.</summary>
    NotReproduced,
    /// <summary>No measurement to compare (not run, not measurable offline, row or metrics missing); the reason says which.</summary>
    NotMeasured,
    /// <summary>Measured, but the result flags the effect as not expected at this profile's scale, with the reason (DESIGN.md §5).</summary>
    NotAtThisScale,
}

/// <summary>Counts of row verdicts, for the per-experiment and per-profile summaries.</summary>
public sealed record VerdictCounts(int Reproduced, int Partly, int NotReproduced, int NotMeasured, int NotAtThisScale)
{
    public static VerdictCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public int Total => Reproduced + Partly + NotReproduced + NotMeasured + NotAtThisScale;

    public static VerdictCounts Of(IEnumerable<RowVerdict> verdicts)
    {
        var c = Zero;
        foreach (var v in verdicts) c = c.Add(v);
        return c;
    }

    public VerdictCounts Add(RowVerdict verdict) => verdict switch
    {
        RowVerdict.Reproduced => this with { Reproduced = Reproduced + 1 },
        RowVerdict.Partly => this with { Partly = Partly + 1 },
        RowVerdict.NotReproduced => this with { NotReproduced = NotReproduced + 1 },
        RowVerdict.NotMeasured => this with { NotMeasured = NotMeasured + 1 },
        _ => this with { NotAtThisScale = NotAtThisScale + 1 },
    };

    public VerdictCounts Add(VerdictCounts o) => new(
        Reproduced + o.Reproduced, Partly + o.Partly, NotReproduced + o.NotReproduced, NotMeasured + o.NotMeasured, NotAtThisScale + o.NotAtThisScale);
}
