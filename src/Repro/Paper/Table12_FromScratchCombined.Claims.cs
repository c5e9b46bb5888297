using Repro.Metrics;
using static Repro.Claims.ClaimRules;
using static Repro.Claims.UnpairingRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Table XII backs (Appendix F, two penalties, trained from scratch). Both need the (λ1, λ2) grid.</summary>
public sealed partial class Table12_FromScratchCombined
{
    const string Experiment = nameof(Table12_FromScratchCombined);

    public static Claim FromScratch_StrongInputPenalty_ReducesVulnerability { get; } = new(
        nameof(FromScratch_StrongInputPenalty_ReducesVulnerability), Experiment,
        "Trained from scratch with (λ1, λ2) = (0.01, 1.0), the model leaves the server materially less vulnerable than λ = 0 (\"a new\")",
        "By setting λ1 and λ2 to 0.01 and 1.0, we achieve the RFRs of 0.07 and 0.06 in FGSM and PGD-10. We also increase the query complexity to 3492.0 and reduce the FR to 14%",
        "0.07 / 0.06, # Q 3492.0, FR 14% (Table XI λ = 0: 0.25 / 0.91, 274.4, 95%)",
        r => ReducesVulnerability(r, "0.01-1.0", Table12_FromScratchCombined.BaselineRow));

    public static Claim FromScratch_StrongOutputPenalty_CostsAccuracy { get; } = new(
        nameof(FromScratch_StrongOutputPenalty_CostsAccuracy), Experiment,
        "Averaged over λ2, the models trained with λ1 = 1.0 are less accurate than those trained with λ1 = 0.01",
        "Compared to the cases of setting λ1 to 0.01, the final models trained with λ1 = 1.0 have 2–3% reduced accuracy",
        "mean 89.3% vs 90.7%",
        r =>
        {
            var strong = Mean(r, "1.0");
            var weak = Mean(r, "0.01");
            return new ClaimCheck(strong, Above(weak, strong), $"λ1 = 1.0: {Show(strong, Metric.Accuracy)} vs λ1 = 0.01: {Show(weak, Metric.Accuracy)}", "1.0-1.0", Metric.Accuracy);
        });

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[] { FromScratch_StrongInputPenalty_ReducesVulnerability, FromScratch_StrongOutputPenalty_CostsAccuracy };

    /// <summary>Per seed, the mean accuracy over λ2 of the rows with this λ1.</summary>
    static MetricValue Mean(Reporting.ExperimentResult r, string lambda1)
    {
        var rows = new[] { "0.01", "0.1", "1.0" }.Select(l2 => Value(r, $"{lambda1}-{l2}", Metric.Accuracy)).ToList();
        int seeds = rows.Min(v => v.PerSeed.Count);
        return MetricValue.FromSeeds(Enumerable.Range(0, seeds).Select(i => rows.Average(v => v.PerSeed[i])).ToList(), $"{Experiment} λ1 = {lambda1} accuracy");
    }
}
