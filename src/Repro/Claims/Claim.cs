using Repro.Metrics;
using Repro.Reporting;

namespace Repro.Claims;

/// <summary>
/// One claim of the paper, checked on a measured table: its id (the claim test's method name), the
/// statement in our words, the paper's sentence and value, and the rule that checks it. Claims live
/// beside the experiments, so `repro reproduce` attaches verdicts to the report and the NUnit claim
/// tests assert the very same rules.
/// </summary>
public sealed record Claim(
    string Id,
    string Experiment,
    string Statement,
    string PaperSentence,
    string PaperValue,
    Func<ExperimentResult, ClaimCheck> Check)
{
    /// <summary>Why the claim is not checked at a profile (e.g. it does not run the OFA group), or null when it is.</summary>
    public Func<Profiles.Profile, string?> NotApplicable { get; init; } = _ => null;

    /// <summary>Claims about the OFA group or sweep: checked only at profiles that run once-for-all.</summary>
    public static string? WithoutOnceForAll(Profiles.Profile profile) => profile.Models.IncludeOnceForAll ? null
        : $"the '{profile.Name}' profile does not run once-for-all (Models.IncludeOnceForAll = false); this claim is checked at 'mini-full' (Category CpuFull) and 'paper'";

    /// <summary>Judges the claim; a missing row or metric gives a NotMeasured verdict that says which.</summary>
    public ClaimVerdict Evaluate(ExperimentResult result)
    {
        try
        {
            var check = Check(result);
            var outcome = check.Holds.IsHolds ? ClaimOutcome.Holds : check.Holds.IsFails ? ClaimOutcome.Fails : ClaimOutcome.Inconclusive;
            return ClaimVerdict.Judge(Experiment, Statement, PaperSentence, PaperValue, check.Measured, outcome, check.Explanation, check.RowId, check.Metric.Key);
        }
        catch (MissingMeasurementException e)
        {
            return ClaimVerdict.NotMeasured(Experiment, Statement, PaperSentence, PaperValue, e.Message);
        }
    }
}

/// <summary>What a claim's rule found: the headline measured value, whether the claim holds, and the numbers behind it.</summary>
public sealed record ClaimCheck(MetricValue Measured, Judgement Holds, string Explanation, string RowId, Metric Metric);

/// <summary>A claim needed a row or metric the result does not have (not run at this profile, or not measurable).</summary>
public sealed class MissingMeasurementException(string message) : Exception(message);
