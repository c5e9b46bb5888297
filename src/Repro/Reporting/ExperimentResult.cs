using Repro.Profiles;

namespace Repro.Reporting;

/// <summary>
/// Everything one experiment measured at one profile: the table (rows x columns, each cell mean ± std
/// over seeds), any figure series, the settings and deviations it ran under, and provenance. This is
/// what the ledger stores, the snapshots compare and the report draws; nothing else is read by them.
/// </summary>
public sealed record ExperimentResult(
    string Experiment,
    string PaperReference,
    string Title,
    string Profile,
    IReadOnlyList<MetricColumn> Columns,
    IReadOnlyList<ResultRow> Rows,
    IReadOnlyList<FigureSeries> Figures,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    IReadOnlyList<Deviation> Deviations,
    Provenance Provenance)
{
    /// <summary>
    /// Verdicts of the directional claims checked against this result (the claim tests and the report
    /// share them); empty when no claim was evaluated. Optional, so older result files still load.
    /// </summary>
    public IReadOnlyList<ClaimVerdict> Claims { get; init; } = Array.Empty<ClaimVerdict>();

    /// <summary>
    /// How the uncertainties beside this result's numbers were obtained (the measured seed spread they come from, or
    /// the run's own seeds); null when none is known. Optional, so older result files still load.
    /// </summary>
    public string? UncertaintyNote { get; init; }

    /// <summary>The profile's one-line summary as it was when this ran; null in results recorded before it was kept.</summary>
    public string? ProfileSummary { get; init; }

    /// <summary>
    /// How the paper's ambiguities were read in this run (ProtocolChoices at the time); the report prints these, not the
    /// code's current ones, so an old run's page describes what it ran. Empty in results recorded before they were kept.
    /// </summary>
    public IReadOnlyList<ProtocolChoice> Choices { get; init; } = Array.Empty<ProtocolChoice>();

    public ResultRow Row(string id) =>
        Rows.FirstOrDefault(r => r.Id == id)
        ?? throw new KeyNotFoundException($"{Experiment} ({Profile}) has no row '{id}'; rows: {string.Join(", ", Rows.Select(r => r.Id))}");
}
