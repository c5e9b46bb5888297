using static Repro.Experiments.Claims.ClaimRules;

namespace Repro.Experiments.Claims;

/// <summary>The claims Table I backs (§IV-B), as rules on the measured table.</summary>
public static class Table01Claims
{
    const string Experiment = nameof(Table01_OnDevicePriors);
    const string TransferSentence = "In CIFAR10, the transfer-based attacks achieve 0.9–1.0 RFR in both FGSM and PGD";
    const string QuerySentence = "just by having the quantized or pruned models as an on-device prior, the attacker reduces the query complexity by two orders of magnitude";

    public static Claim AsIs_TransfersPerfectly { get; } = new(
        nameof(AsIs_TransfersPerfectly), Experiment,
        "Using the server itself as the prior gives RFR = 1 for FGSM and PGD-10",
        "the transfer rate is 100% because the models are identical", "1.00 ± 0.00",
        r =>
        {
            var fgsm = Value(r, "cifar10/as-is", "rfr_fgsm");
            var pgd = Value(r, "cifar10/as-is", "rfr_pgd10");
            return new ClaimCheck(pgd, Math.Abs(fgsm.Mean - 1) < 1e-9 && Math.Abs(pgd.Mean - 1) < 1e-9,
                $"FGSM {Show(fgsm, "rfr_fgsm")}, PGD-10 {Show(pgd, "rfr_pgd10")}", "cifar10/as-is", "rfr_pgd10");
        });

    public static Claim AsIs_QueryAttackNeedsAFewQueries { get; } = new(
        nameof(AsIs_QueryAttackNeedsAFewQueries), Experiment,
        "With the server as the prior, P-RGF fools at least 95% of the samples with at most 30 queries on average",
        "on average just 13 queries are required to fool the model", "13.7 ± 1.7 queries, FR 100%",
        r =>
        {
            var q = Value(r, "cifar10/as-is", "queries");
            var fr = Value(r, "cifar10/as-is", "fooling_rate");
            return new ClaimCheck(q, AtMost(q, 30) && AtLeast(fr, 95),
                $"# Queries {Show(q, "queries")}, FR {Show(fr, "fooling_rate")}", "cifar10/as-is", "queries");
        });

    public static Claim Quantization_TransfersAlmostPerfectly { get; } =
        RfrAtLeast(nameof(Quantization_TransfersAlmostPerfectly), "cifar10/quantization", "quantized", "1.00 / 1.00");

    public static Claim Pruning_TransfersAlmostPerfectly { get; } =
        RfrAtLeast(nameof(Pruning_TransfersAlmostPerfectly), "cifar10/pruning", "pruned", "0.90 / 1.00");

    public static Claim Quantization_CutsQueriesByAnOrderOfMagnitude { get; } =
        FarCheaperThanNoPrior(nameof(Quantization_CutsQueriesByAnOrderOfMagnitude), "cifar10/quantization", "quantized", "13.9 vs 3047.2 queries; FR 100% vs 28%");

    public static Claim Pruning_CutsQueriesByAnOrderOfMagnitude { get; } =
        FarCheaperThanNoPrior(nameof(Pruning_CutsQueriesByAnOrderOfMagnitude), "cifar10/pruning", "pruned", "15.1 vs 3047.2 queries; FR 100% vs 28%");

    public static Claim ANew_LiesBetweenAsIsAndNoPrior { get; } = new(
        nameof(ANew_LiesBetweenAsIsAndNoPrior), Experiment,
        "A model of the server's architecture trained anew transfers less than the quantized sibling, and as a prior needs more queries than the server itself but fewer than no prior, fooling more samples than no prior",
        "this results in much worse transferability and 60x higher query count than Baseline (as-is)", "RFR 0.17 / 0.66; 863.6 queries, FR 82%",
        r =>
        {
            var newFgsm = Value(r, "cifar10/a-new", "rfr_fgsm");
            var newPgd = Value(r, "cifar10/a-new", "rfr_pgd10");
            var quantFgsm = Value(r, "cifar10/quantization", "rfr_fgsm");
            var quantPgd = Value(r, "cifar10/quantization", "rfr_pgd10");
            var qNew = Value(r, "cifar10/a-new", "queries");
            var qAsIs = Value(r, "cifar10/as-is", "queries");
            var qNone = Value(r, "cifar10/no-prior", "queries");
            var frNew = Value(r, "cifar10/a-new", "fooling_rate");
            var frNone = Value(r, "cifar10/no-prior", "fooling_rate");
            bool holds = Above(quantFgsm, newFgsm) && Above(quantPgd, newPgd) && Above(qNew, qAsIs) && Above(qNone, qNew) && Above(frNew, frNone);
            return new ClaimCheck(qNew, holds,
                $"RFR a-new {Show(newFgsm, "rfr_fgsm")} / {Show(newPgd, "rfr_pgd10")} vs quantized {Show(quantFgsm, "rfr_fgsm")} / {Show(quantPgd, "rfr_pgd10")}; " +
                $"# Queries as-is {Show(qAsIs, "queries")} < a-new {Show(qNew, "queries")} < no prior {Show(qNone, "queries")}; " +
                $"FR a-new {Show(frNew, "fooling_rate")} vs no prior {Show(frNone, "fooling_rate")}", "cifar10/a-new", "queries");
        });

    public static IReadOnlyList<Claim> All { get; } = new[]
    {
        AsIs_TransfersPerfectly, AsIs_QueryAttackNeedsAFewQueries,
        Quantization_TransfersAlmostPerfectly, Pruning_TransfersAlmostPerfectly,
        Quantization_CutsQueriesByAnOrderOfMagnitude, Pruning_CutsQueriesByAnOrderOfMagnitude,
        ANew_LiesBetweenAsIsAndNoPrior,
    };

    static Claim RfrAtLeast(string id, string rowId, string what, string paperValue) => new(
        id, Experiment, $"The {what} sibling's examples transfer to the server: RFR >= 0.9 for FGSM and PGD-10", TransferSentence, paperValue,
        r =>
        {
            var fgsm = Value(r, rowId, "rfr_fgsm");
            var pgd = Value(r, rowId, "rfr_pgd10");
            return new ClaimCheck(fgsm, AtLeast(fgsm, 0.9) && AtLeast(pgd, 0.9),
                $"FGSM {Show(fgsm, "rfr_fgsm")}, PGD-10 {Show(pgd, "rfr_pgd10")} (mean - std must reach 0.9)", rowId, "rfr_fgsm");
        });

    static Claim FarCheaperThanNoPrior(string id, string rowId, string what, string paperValue) => new(
        id, Experiment, $"With the {what} sibling as prior, P-RGF needs at least 10x fewer queries than with no prior and fools at least 30 points more samples",
        QuerySentence, paperValue,
        r =>
        {
            var q = Value(r, rowId, "queries");
            var qNone = Value(r, "cifar10/no-prior", "queries");
            var fr = Value(r, rowId, "fooling_rate");
            var frNone = Value(r, "cifar10/no-prior", "fooling_rate");
            return new ClaimCheck(q, TimesBelow(q, qNone, 10) && Above(fr, frNone, 30),
                $"# Queries {Show(q, "queries")} vs no prior {Show(qNone, "queries")}; FR {Show(fr, "fooling_rate")} vs {Show(frNone, "fooling_rate")}", rowId, "queries");
        });
}
