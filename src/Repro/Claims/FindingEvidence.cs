using Repro.Metrics;
using Repro.Reporting;

namespace Repro.Claims;

/// <summary>
/// The measured tables one profile has (the newest result of each experiment), which a headline finding is judged on.
/// <see cref="PaperScale"/> says whether the profile is at the paper's scale, where a scale-dependent number is judged.
/// </summary>
public sealed class FindingEvidence(string profile, bool paperScale, IReadOnlyDictionary<string, ExperimentResult> results, string basis)
{
    public string Profile { get; } = profile;
    public bool PaperScale { get; } = paperScale;
    public string Basis { get; } = basis;
    public IReadOnlyDictionary<string, ExperimentResult> Results { get; } = results;

    /// <summary>The experiment's result; a missing one is "not measured" at this profile.</summary>
    public ExperimentResult Result(string experiment) =>
        Results.TryGetValue(experiment, out var result) ? result
            : throw new MissingMeasurementException($"{experiment} has no result at the '{Profile}' profile");

    /// <summary>A row's metric, or null when the experiment, the row or the metric was not measured at this profile.</summary>
    public MetricValue? TryValue(string experiment, string row, Metric metric)
    {
        if (!Results.TryGetValue(experiment, out var result)) return null;
        try
        {
            return ClaimRules.Value(result, row, metric);
        }
        catch (MissingMeasurementException)
        {
            return null;
        }
    }

    /// <summary>A table-level claim judged on its experiment here; null when it does not apply or was not measured.</summary>
    public (ClaimVerdict Verdict, Judgement Judgement)? Judge(Claim claim)
    {
        if (!Results.TryGetValue(claim.Experiment, out var result)) return null;
        var verdict = claim.Evaluate(result);
        return verdict.Outcome switch
        {
            ClaimOutcome.Holds => (verdict, Judgement.Holds),
            ClaimOutcome.Fails => (verdict, Judgement.Fails),
            ClaimOutcome.Inconclusive => (verdict, Judgement.Inconclusive),
            _ => null,
        };
    }
}
