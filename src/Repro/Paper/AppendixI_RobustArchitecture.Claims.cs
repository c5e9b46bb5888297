using Repro.Metrics;
using static Repro.Claims.ClaimRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Appendix I backs, as rules on the measured rows.</summary>
public sealed partial class AppendixI_RobustArchitecture
{
    const string Experiment = nameof(AppendixI_RobustArchitecture);

    public static Claim EightBit_TransfersPerfectly { get; } = new(
        nameof(EightBit_TransfersPerfectly), Experiment,
        "The robust server's 8-bit sibling transfers to it: RFR >= 0.9 for FGSM and PGD-10",
        "The RFR of the FGSM and PGD-10 attacks are 1.00 when we use the 8-bit model", "1.00 / 1.00",
        r => Transfers(r, "cifar10/quantization", 0.9));

    public static Claim Pruned_TransfersMostly { get; } = new(
        nameof(Pruned_TransfersMostly), Experiment,
        "The robust server's pruned sibling transfers to it: RFR >= 0.75 for FGSM and PGD-10",
        "If we use the sparse model, the RFR is 0.85 ± 0.09 and 0.84 ± 0.13 for FGSM and PGD-10", "0.85 ± 0.09 / 0.84 ± 0.13",
        r => Transfers(r, "cifar10/pruning", 0.75));

    public static Claim Siblings_DoubleTheQueryAttacksSuccess { get; } = new(
        nameof(Siblings_DoubleTheQueryAttacksSuccess), Experiment,
        "With either sibling as prior, P-RGF fools at least 1.5x as many samples as with no prior and needs at most 1/1.5 of its queries",
        "The attacker is twice successful at fooling, and the query efficiency increases by a factor of 2x, compared to the setting where we don't have any transfer prior",
        "FR 45–55%, 1547–2186 queries (no-prior values not printed)",
        r =>
        {
            var ids = new[] { "cifar10/quantization", "cifar10/pruning" };
            var frNone = Value(r, "cifar10/no-prior", Metric.FoolingRate);
            var qNone = Value(r, "cifar10/no-prior", Metric.Queries);
            var judged = ids.Select(id => AtLeast(Value(r, id, Metric.FoolingRate).Mean, U(Value(r, id, Metric.FoolingRate)), 1.5 * frNone.Mean) & TimesBelow(Value(r, id, Metric.Queries), qNone, 1.5)).ToList();
            var weakest = ids.MinBy(id => Value(r, id, Metric.FoolingRate).Mean)!;
            return new ClaimCheck(Value(r, weakest, Metric.FoolingRate), Judgement.All(judged),
                string.Join("; ", ids.Select(id => $"{id[8..]} FR {Show(Value(r, id, Metric.FoolingRate), Metric.FoolingRate)}, {Show(Value(r, id, Metric.Queries), Metric.Queries)} queries")) +
                $"; no prior FR {Show(frNone, Metric.FoolingRate)}, {Show(qNone, Metric.Queries)} queries", weakest, Metric.FoolingRate);
        });

    static ClaimCheck Transfers(Reporting.ExperimentResult r, string id, double threshold)
    {
        var fgsm = Value(r, id, Metric.RfrFgsm);
        var pgd = Value(r, id, Metric.RfrPgd10);
        return new ClaimCheck(fgsm, AtLeast(fgsm, threshold) & AtLeast(pgd, threshold),
            $"FGSM {Show(fgsm, Metric.RfrFgsm)}, PGD-10 {Show(pgd, Metric.RfrPgd10)} (mean - 2u must reach {F(threshold)})", id, Metric.RfrFgsm);
    }

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[] { EightBit_TransfersPerfectly, Pruned_TransfersMostly, Siblings_DoubleTheQueryAttacksSuccess };
}
