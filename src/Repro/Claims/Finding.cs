using Repro.Reporting;

namespace Repro.Claims;

/// <summary>
/// One of the paper's headline findings as a check on several measured tables: the sentence a reader remembers, where
/// the paper says it, its numbers, the relation judged at every scale and the scale-dependent magnitude judged only at
/// the paper's (<see cref="FindingVerdict"/>).
/// </summary>
public sealed record Finding(
    string Id,
    string Statement,
    string PaperSource,
    string PaperQuote,
    string PaperNumbers,
    string RelationRule,
    string? MagnitudeRule,
    Func<FindingEvidence, FindingCheck> Check)
{
    /// <summary>
    /// Whether the magnitude depends on the scale (a query ratio capped by the budget): then it is judged only at the paper's
    /// scale. A magnitude relative to another row that no scale setting bounds (an RFR reduction) is judged everywhere.
    /// </summary>
    public bool MagnitudeDependsOnScale { get; init; } = true;

    public FindingVerdict Evaluate(FindingEvidence evidence)
    {
        FindingCheck check;
        try
        {
            check = Check(evidence);
        }
        catch (MissingMeasurementException e)
        {
            return new FindingVerdict(Id, Statement, PaperSource, PaperQuote, PaperNumbers, evidence.Profile, evidence.Basis,
                ClaimOutcome.NotMeasured, RelationRule, e.Message, null, MagnitudeRule, null, Array.Empty<string>());
        }
        bool judged = evidence.PaperScale || !MagnitudeDependsOnScale;
        ClaimOutcome? magnitude = check.Magnitude is not { } m ? null : !judged ? null : Outcome(m);
        string? magnitudeText = MagnitudeRule is null ? null
            : judged ? check.MagnitudeExplanation
            : $"not judged at the '{evidence.Profile}' scale (the number depends on the scale; judged at 'paper'): {check.MagnitudeExplanation}";
        return new FindingVerdict(Id, Statement, PaperSource, PaperQuote, PaperNumbers, evidence.Profile, evidence.Basis,
            Outcome(check.Relation), RelationRule, check.RelationExplanation, magnitude, MagnitudeRule, magnitudeText, check.Pairs);
    }

    static ClaimOutcome Outcome(Judgement j) => j.IsHolds ? ClaimOutcome.Holds : j.IsFails ? ClaimOutcome.Fails : ClaimOutcome.Inconclusive;
}

/// <summary>What a finding's rule found: the relation, the magnitude (null when the finding has none), and one line per pair measured.</summary>
public sealed record FindingCheck(Judgement Relation, string RelationExplanation, Judgement? Magnitude, string MagnitudeExplanation, IReadOnlyList<string> Pairs);
