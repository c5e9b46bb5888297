namespace Repro.Reporting;

/// <summary>
/// The verdict on one of the paper's headline findings (abstract, introduction, conclusion) at one profile, judged on
/// the measured tables it rests on. A finding has a relation that holds at any scale (a sibling against no prior, an
/// unpaired sibling against its original) and may have a magnitude (a number such as "up to 100x") that depends on the
/// scale: the magnitude is judged only at the paper's scale and otherwise shown with its measured value.
/// </summary>
public sealed record FindingVerdict(
    string Id,
    string Statement,
    string PaperSource,
    string PaperQuote,
    string PaperNumbers,
    string Profile,
    string Basis,
    ClaimOutcome Relation,
    string RelationRule,
    string RelationExplanation,
    ClaimOutcome? Magnitude,
    string? MagnitudeRule,
    string? MagnitudeExplanation,
    IReadOnlyList<string> Pairs)
{
    /// <summary>The finding's verdict in a word: the relation's, or "fails" when the magnitude is judged and fails.</summary>
    public ClaimOutcome Overall => Relation == ClaimOutcome.Holds && Magnitude is ClaimOutcome.Fails or ClaimOutcome.Inconclusive ? Magnitude.Value : Relation;
}
