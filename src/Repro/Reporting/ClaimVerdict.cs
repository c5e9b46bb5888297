using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>What a claim test concluded.</summary>
public enum ClaimOutcome
{
    Holds,
    Fails,
    /// <summary>The claim's threshold lies inside the measurement's uncertainty: this scale cannot tell.</summary>
    Inconclusive,
    /// <summary>The claim could not be checked (not run at this profile, not measurable offline); the reason says why.</summary>
    NotMeasured,
}

/// <summary>
/// The verdict of one directional claim, as the claim tests assert it and the report prints it
/// (STYLE.md P7): the paper's sentence, the paper's value, the measured mean ± std with n, and why it
/// holds, fails or cannot tell at this scale. The decision itself (direction, uncertainty) is made by the claim's rule.
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
    string? DocumentedAtThisScale = null,
    ClaimOutcome? DocumentedOutcome = null)
{
    /// <summary>
    /// A verdict other than Holds that baselines/&lt;profile&gt;/claims.json documents for this scale (<see cref="DocumentedAtThisScale"/>
    /// says why); the documented verdict is pinned, so this is the documented one.
    /// </summary>
    public bool IsDocumentedFailure => DocumentedAtThisScale is not null && Outcome == (DocumentedOutcome ?? ClaimOutcome.Fails) && Outcome != ClaimOutcome.Holds;

    public static ClaimVerdict Judge(
        string experiment, string claim, string paperSentence, string paperValue,
        MetricValue measured, ClaimOutcome outcome, string explanation, string? rowId = null, string? metric = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        if (outcome == ClaimOutcome.NotMeasured) throw new ArgumentException("a judged claim was measured; use NotMeasured for one that was not", nameof(outcome));
        return new ClaimVerdict(experiment, claim, paperSentence, paperValue, outcome, measured, explanation, rowId, metric);
    }

    public static ClaimVerdict NotMeasured(string experiment, string claim, string paperSentence, string paperValue, string reason,
        string? rowId = null, string? metric = null) =>
        new(experiment, claim, paperSentence, paperValue, ClaimOutcome.NotMeasured, null, reason, rowId, metric);

    /// <summary>"0.88 ± 0.02 (n = 5)", in the metric's print format when known.</summary>
    public string MeasuredText => Measured is null
        ? "not measured"
        : MetricText.WithUncertainty(Measured, Metric is null ? MetricFormat.Ratio : Metrics.Metric.FormatOf(Metric));

    /// <summary>One paragraph for a failure message or a report cell.</summary>
    public string Describe()
    {
        string where = RowId is null ? Experiment : $"{Experiment}, row {RowId}{(Metric is null ? "" : $", {Metric}")}";
        return $"{Outcome}: {Claim} ({where}). Paper: \"{PaperSentence}\" Paper value: {PaperValue}. " +
               $"Measured: {MeasuredText}. {Explanation}";
    }
}
