using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>What a claim test concluded.</summary>
public enum ClaimOutcome
{
    Holds,
    Fails,
    /// <summary>The claim could not be checked (not run at this profile, not measurable offline); the reason says why.</summary>
    NotMeasured,
}

/// <summary>
/// The verdict of one directional claim, as the claim tests assert it and the report prints it
/// (STYLE.md P7): the paper's sentence, the paper's value, the measured mean ± std with n, and why it
/// holds or fails. The decision itself (direction, spread) is made by the claim test.
/// </summary>
public sealed record ClaimVerdict(
    string Experiment,
    string Claim,
    string PaperSentence,
    string PaperValue,
    ClaimOutcome Outcome,
    MetricValue? Measured,
    string Explanation,
    string? RowId = null,
    string? Metric = null,
    string? DocumentedAtThisScale = null)
{
    /// <summary>A failure that baselines/&lt;profile&gt;/claims.json documents as expected at this scale (<see cref="DocumentedAtThisScale"/> says why).</summary>
    public bool IsDocumentedFailure => Outcome == ClaimOutcome.Fails && DocumentedAtThisScale is not null;

    public static ClaimVerdict Judge(
        string experiment, string claim, string paperSentence, string paperValue,
        MetricValue measured, bool holds, string explanation, string? rowId = null, string? metric = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        return new ClaimVerdict(experiment, claim, paperSentence, paperValue,
            holds ? ClaimOutcome.Holds : ClaimOutcome.Fails, measured, explanation, rowId, metric);
    }

    public static ClaimVerdict NotMeasured(string experiment, string claim, string paperSentence, string paperValue, string reason,
        string? rowId = null, string? metric = null) =>
        new(experiment, claim, paperSentence, paperValue, ClaimOutcome.NotMeasured, null, reason, rowId, metric);

    /// <summary>"0.88 ± 0.02 (n = 5)", in the metric's print format when known.</summary>
    public string MeasuredText => Measured is null
        ? "not measured"
        : MetricText.MeanStd(Measured, Metric is null ? MetricFormat.Ratio : MetricKeys.FormatOf(Metric));

    /// <summary>One paragraph for a failure message or a report cell.</summary>
    public string Describe()
    {
        string where = RowId is null ? Experiment : $"{Experiment}, row {RowId}{(Metric is null ? "" : $", {Metric}")}";
        return $"{Outcome}: {Claim} ({where}). Paper: \"{PaperSentence}\" Paper value: {PaperValue}. " +
               $"Measured: {MeasuredText}. {Explanation}";
    }
}
