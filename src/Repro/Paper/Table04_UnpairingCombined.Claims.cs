using Repro.Metrics;
using static Repro.Claims.ClaimRules;
using static Repro.Claims.UnpairingRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Table IV backs (§V-B "Combining multiple unpairing objectives").</summary>
public sealed partial class Table04_UnpairingCombined
{
    const string Experiment = nameof(Table04_UnpairingCombined);

    public static Claim BothPenalties_ReduceVulnerability { get; } = new(
        nameof(BothPenalties_ReduceVulnerability), Experiment,
        "Fine-tuning with both penalties at λ1 = λ2 = 1 makes the server materially less vulnerable than the λ = 0 fine-tune",
        "if we set both λs to 1.0, the RFRs of FGSM and PGD-10 become 0.06 and 0.08",
        "(1.0, 1.0): RFR 0.06 / 0.08, # Q 2835.5, FR 34%",
        r => ReducesVulnerability(r, "1.0-1.0", Table04_UnpairingCombined.BaselineRow));

    public static Claim Combining_AddsLittleOverInputGradientAlone { get; } = new(
        nameof(Combining_AddsLittleOverInputGradientAlone), Experiment,
        "Adding the output penalty (λ1 = 1) to the input-gradient penalty (λ2 = 1) lowers neither RFR by 0.1 or more below the input-gradient penalty alone",
        "Combining multiple objectives reduces the vulnerability only slightly: if we set both λs to 1.0, the RFRs of FGSM and PGD-10 become 0.06 and 0.08, just ~0.02 less than penalizing only the similarity between input-gradients",
        "(1.0, 1.0): 0.06 / 0.08 vs input only (Table III): 0.08 / 0.09",
        r =>
        {
            var fgsm = Value(r, "1.0-1.0", Metric.RfrFgsm);
            var pgd = Value(r, "1.0-1.0", Metric.RfrPgd10);
            var fgsmInput = Value(r, Table04_UnpairingCombined.InputOnlyRow, Metric.RfrFgsm);
            var pgdInput = Value(r, Table04_UnpairingCombined.InputOnlyRow, Metric.RfrPgd10);
            return new ClaimCheck(pgd, !Above(fgsmInput, fgsm, RfrMargin) && !Above(pgdInput, pgd, RfrMargin),
                $"(1.0, 1.0) RFR {Show(fgsm, Metric.RfrFgsm)} / {Show(pgd, Metric.RfrPgd10)} vs input-gradient alone {Show(fgsmInput, Metric.RfrFgsm)} / {Show(pgdInput, Metric.RfrPgd10)}", "1.0-1.0", Metric.RfrPgd10);
        });

    /// <summary>Needs the full grid (mini-full, paper).</summary>
    public static Claim InputGradientTerm_DrivesTheReduction { get; } = new(
        nameof(InputGradientTerm_DrivesTheReduction), Experiment,
        "At every λ1, λ2 = 1 gives a PGD-10 RFR at least 0.1 below λ2 = 0.01",
        "Table IV: PGD-10 RFR 0.08 / 0.12 / 0.08 at λ2 = 1.0 against 0.87 / 0.79 / 0.64 at λ2 = 0.01",
        "λ2 = 1.0: 0.08, 0.12, 0.08; λ2 = 0.01: 0.87, 0.79, 0.64",
        r =>
        {
            Judgement holds = true;
            var parts = new List<string>();
            foreach (var l1 in new[] { "0.01", "0.1", "1.0" })
            {
                var strong = Value(r, $"{l1}-1.0", Metric.RfrPgd10);
                var weak = Value(r, $"{l1}-0.01", Metric.RfrPgd10);
                holds &= Above(weak, strong, RfrMargin);
                parts.Add($"λ1 = {l1}: {Show(strong, Metric.RfrPgd10)} vs {Show(weak, Metric.RfrPgd10)}");
            }
            return new ClaimCheck(Value(r, "1.0-1.0", Metric.RfrPgd10), holds, string.Join("; ", parts), "1.0-1.0", Metric.RfrPgd10);
        });

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[] { BothPenalties_ReduceVulnerability, Combining_AddsLittleOverInputGradientAlone, InputGradientTerm_DrivesTheReduction };
}
