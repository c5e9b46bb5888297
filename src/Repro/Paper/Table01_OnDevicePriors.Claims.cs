using static Repro.Claims.ClaimRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Table I backs (§IV-B), as rules on the measured table.</summary>
public sealed partial class Table01_OnDevicePriors
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
            Judgement holds = Above(quantFgsm, newFgsm) && Above(quantPgd, newPgd) && Above(qNew, qAsIs) && Above(qNone, qNew) && Above(frNew, frNone);
            return new ClaimCheck(qNew, holds,
                $"RFR a-new {Show(newFgsm, "rfr_fgsm")} / {Show(newPgd, "rfr_pgd10")} vs quantized {Show(quantFgsm, "rfr_fgsm")} / {Show(quantPgd, "rfr_pgd10")}; " +
                $"# Queries as-is {Show(qAsIs, "queries")} < a-new {Show(qNew, "queries")} < no prior {Show(qNone, "queries")}; " +
                $"FR a-new {Show(frNew, "fooling_rate")} vs no prior {Show(frNone, "fooling_rate")}", "cifar10/a-new", "queries");
        });

    public static Claim NasNet_TransfersLessThanANew { get; } =
        OtherArchitectureLessThanANew(nameof(NasNet_TransfersLessThanANew), "cifar10/nas-nasnet", "NASNet", "RFR 0.11 / 0.46 vs 0.17 / 0.66; 1486.1 vs 863.6 queries");

    public static Claim SqueezeNet_TransfersLessThanANew { get; } =
        OtherArchitectureLessThanANew(nameof(SqueezeNet_TransfersLessThanANew), "cifar10/manual-squeezenet", "SqueezeNet", "RFR 0.11 / 0.45 vs 0.17 / 0.66; 1507.8 vs 863.6 queries");

    public static Claim Distillation_ResNet18MoreVulnerableThanNasNet { get; } = new(
        nameof(Distillation_ResNet18MoreVulnerableThanNasNet), Experiment,
        "A ResNet18 student distilled from the server is a better prior than a NASNet trained from scratch: higher PGD-10 RFR and fewer P-RGF queries",
        "In CIFAR10, a ResNet18 trained by knowledge distillation increases RFRs, requires fewer queries, and has a higher success rate", "RFR 0.70 vs 0.46 (PGD-10); 752.3 vs 1486.1 queries",
        r =>
        {
            var pgdKd = Value(r, "cifar10/distillation-resnet18", "rfr_pgd10");
            var pgdNas = Value(r, "cifar10/nas-nasnet", "rfr_pgd10");
            var qKd = Value(r, "cifar10/distillation-resnet18", "queries");
            var qNas = Value(r, "cifar10/nas-nasnet", "queries");
            return new ClaimCheck(pgdKd, Above(pgdKd, pgdNas) && Above(qNas, qKd),
                $"RFR (PGD-10) distilled ResNet18 {Show(pgdKd, "rfr_pgd10")} vs NASNet {Show(pgdNas, "rfr_pgd10")}; # Queries {Show(qKd, "queries")} vs {Show(qNas, "queries")}",
                "cifar10/distillation-resnet18", "rfr_pgd10");
        });

    public static Claim Ofa_SubnetworksTransferMoreThanANew { get; } = new(
        nameof(Ofa_SubnetworksTransferMoreThanANew), Experiment,
        "Every OFA sub-network transfers to the OFA server better than a model trained anew (higher FGSM and PGD-10 RFR) and cuts P-RGF's queries to a tenth of no prior",
        "the vulnerability to black-box adversarial attacks increases significantly ... significantly higher than the baseline (a new)", "RFR 0.65–0.94 / 0.95–1.00 vs 0.27 / 0.53; 21.5–122.3 vs 2726.4 queries",
        r =>
        {
            var newFgsm = Value(r, "ofa/a-new", "rfr_fgsm");
            var newPgd = Value(r, "ofa/a-new", "rfr_pgd10");
            var qNone = Value(r, "ofa/no-prior", "queries");
            var subnets = OfaSubnetRowIds().ToList();
            var judged = subnets.Select(id => (Id: id, Judgement: Above(Value(r, id, "rfr_fgsm"), newFgsm) && Above(Value(r, id, "rfr_pgd10"), newPgd)
                && TimesBelow(Value(r, id, "queries"), qNone, 10))).ToList();
            var failing = judged.Where(j => !j.Judgement.IsHolds).Select(j => j.Id).ToList();
            var weakest = subnets.MinBy(id => Value(r, id, "rfr_fgsm").Mean)!;
            return new ClaimCheck(Value(r, weakest, "rfr_fgsm"), Judgement.All(judged.Select(j => j.Judgement)),
                $"a new: RFR {Show(newFgsm, "rfr_fgsm")} / {Show(newPgd, "rfr_pgd10")}, no prior {Show(qNone, "queries")} queries; sub-nets: " +
                string.Join("; ", subnets.Select(id => $"{id[4..]} RFR {Show(Value(r, id, "rfr_fgsm"), "rfr_fgsm")} / {Show(Value(r, id, "rfr_pgd10"), "rfr_pgd10")}, {Show(Value(r, id, "queries"), "queries")} queries")) +
                (failing.Count == 0 ? "" : $"; not clearly above: {string.Join(", ", failing)}"), weakest, "rfr_fgsm");
        }) { NotApplicable = Claim.WithoutOnceForAll };

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[]
    {
        AsIs_TransfersPerfectly, AsIs_QueryAttackNeedsAFewQueries,
        Quantization_TransfersAlmostPerfectly, Pruning_TransfersAlmostPerfectly,
        Quantization_CutsQueriesByAnOrderOfMagnitude, Pruning_CutsQueriesByAnOrderOfMagnitude,
        ANew_LiesBetweenAsIsAndNoPrior,
        NasNet_TransfersLessThanANew, SqueezeNet_TransfersLessThanANew, Distillation_ResNet18MoreVulnerableThanNasNet,
        Ofa_SubnetworksTransferMoreThanANew,
    };

    static Claim OtherArchitectureLessThanANew(string id, string rowId, string architecture, string paperValue) => new(
        id, Experiment, $"A {architecture} trained from scratch transfers less than the server's own architecture trained anew (lower FGSM and PGD-10 RFR) and needs more P-RGF queries",
        "using NASNet or SqueezeNet as an on-device model achieves lower RFRs ... and 2x higher query complexity in optimization-based attacks than the baseline", paperValue,
        r =>
        {
            var fgsm = Value(r, rowId, "rfr_fgsm");
            var pgd = Value(r, rowId, "rfr_pgd10");
            var q = Value(r, rowId, "queries");
            var newFgsm = Value(r, "cifar10/a-new", "rfr_fgsm");
            var newPgd = Value(r, "cifar10/a-new", "rfr_pgd10");
            var qNew = Value(r, "cifar10/a-new", "queries");
            return new ClaimCheck(pgd, Above(newFgsm, fgsm) && Above(newPgd, pgd) && Above(q, qNew),
                $"RFR {Show(fgsm, "rfr_fgsm")} / {Show(pgd, "rfr_pgd10")} vs a new {Show(newFgsm, "rfr_fgsm")} / {Show(newPgd, "rfr_pgd10")}; # Queries {Show(q, "queries")} vs {Show(qNew, "queries")}",
                rowId, "rfr_pgd10");
        });

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
