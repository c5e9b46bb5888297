using Repro.Metrics;
using static Repro.Claims.ClaimRules;
using static Repro.Claims.UnpairingRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Table XI backs (Appendix F, one penalty, trained from scratch).</summary>
public sealed partial class Table11_FromScratchSingle
{
    const string Experiment = nameof(Table11_FromScratchSingle);

    public static Claim FromScratch_OutputPenalty_CostsAccuracy { get; } = new(
        nameof(FromScratch_OutputPenalty_CostsAccuracy), Experiment,
        "Trained from scratch with the output penalty at λ = 1, the model is 7–15 points less accurate than without it",
        "penalizing the output-level or feature-level similarities leads to client models with 7–15% less accuracy",
        "81% vs 92%",
        r => LosesAccuracyWithin(r, "output/1.0", "output/0.0", 7, 15));

    /// <summary>Needs the feature block (mini-full, paper).</summary>
    public static Claim FromScratch_FeaturePenalty_CostsAccuracy { get; } = new(
        nameof(FromScratch_FeaturePenalty_CostsAccuracy), Experiment,
        "Trained from scratch with the feature penalty at λ = 1, the model is 7–15 points less accurate than without it",
        "penalizing the output-level or feature-level similarities leads to client models with 7–15% less accuracy",
        "80% vs 92%",
        r => LosesAccuracyWithin(r, "feature/1.0", "feature/0.0", 7, 15));

    /// <summary>Needs the input block (mini-full, paper).</summary>
    public static Claim FromScratch_InputGradientPenalty_ReducesVulnerability { get; } = new(
        nameof(FromScratch_InputGradientPenalty_ReducesVulnerability), Experiment,
        "Trained from scratch with the input-gradient penalty at λ = 1, the model leaves the server materially less vulnerable than λ = 0 (\"a new\")",
        "The model achieves an accuracy of 90% while reducing the RFR by 0.13 (FGSM) and by 0.36 (PGD-10). In the optimization-based attacks, the query complexity increases from 274 to 1237, and the FR decreases by 20%",
        "0.12 / 0.55, # Q 1237.0, FR 75% (λ = 0: 0.25 / 0.91, 274.4, 95%)",
        r => ReducesVulnerability(r, "input/1.0", "input/0.0"));

    /// <summary>Needs the input block (mini-full, paper).</summary>
    public static Claim FromScratch_InputGradientPenalty_KeepsAccuracy { get; } = new(
        nameof(FromScratch_InputGradientPenalty_KeepsAccuracy), Experiment,
        "Trained from scratch with the input-gradient penalty at λ = 1, the model stays within 2 points of λ = 0's accuracy",
        "The model achieves an accuracy of 90%",
        "90% vs 92%",
        r => KeepsAccuracy(r, "input/1.0", "input/0.0"));

    /// <summary>Needs the input block (mini-full, paper).</summary>
    public static Claim FromScratch_NoBetterThanFinetuning { get; } = new(
        nameof(FromScratch_NoBetterThanFinetuning), Experiment,
        "Trained from scratch with the input-gradient penalty (λ = 1), the model is not materially less vulnerable than the one fine-tuned with it (Table III)",
        "Interestingly, we find that training from scratch does not offer a more reduction of the vulnerability",
        "from scratch 0.12 / 0.55, FR 75% vs fine-tuned 0.08 / 0.09, FR 15%",
        r =>
        {
            var pgd = Value(r, "input/1.0", Metric.RfrPgd10);
            var pgdFt = Value(r, Table11_FromScratchSingle.FinetunedRow, Metric.RfrPgd10);
            var fr = Value(r, "input/1.0", Metric.FoolingRate);
            var frFt = Value(r, Table11_FromScratchSingle.FinetunedRow, Metric.FoolingRate);
            return new ClaimCheck(pgd, !Above(pgdFt, pgd, RfrMargin) && !Above(frFt, fr, FoolingRateMargin),
                $"from scratch PGD-10 {Show(pgd, Metric.RfrPgd10)}, FR {Show(fr, Metric.FoolingRate)} vs fine-tuned {Show(pgdFt, Metric.RfrPgd10)}, {Show(frFt, Metric.FoolingRate)}", "input/1.0", Metric.RfrPgd10);
        });

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[]
    {
        FromScratch_OutputPenalty_CostsAccuracy, FromScratch_FeaturePenalty_CostsAccuracy, FromScratch_InputGradientPenalty_ReducesVulnerability,
        FromScratch_InputGradientPenalty_KeepsAccuracy, FromScratch_NoBetterThanFinetuning,
    };
}
