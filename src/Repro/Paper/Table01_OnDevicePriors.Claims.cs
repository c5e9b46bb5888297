using Repro.Metrics;
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
            var fgsm = Value(r, "cifar10/as-is", Metric.RfrFgsm);
            var pgd = Value(r, "cifar10/as-is", Metric.RfrPgd10);
            return new ClaimCheck(pgd, Math.Abs(fgsm.Mean - 1) < 1e-9 && Math.Abs(pgd.Mean - 1) < 1e-9,
                $"FGSM {Show(fgsm, Metric.RfrFgsm)}, PGD-10 {Show(pgd, Metric.RfrPgd10)}", "cifar10/as-is", Metric.RfrPgd10);
        });

    public static Claim AsIs_QueryAttackNeedsAFewQueries { get; } = new(
        nameof(AsIs_QueryAttackNeedsAFewQueries), Experiment,
        "With the server as the prior, P-RGF fools at least 95% of the samples with at most 30 queries on average",
        "on average just 13 queries are required to fool the model", "13.7 ± 1.7 queries, FR 100%",
        r =>
        {
            var q = Value(r, "cifar10/as-is", Metric.Queries);
            var fr = Value(r, "cifar10/as-is", Metric.FoolingRate);
            return new ClaimCheck(q, AtMost(q, 30) && AtLeast(fr, 95),
                $"# Queries {Show(q, Metric.Queries)}, FR {Show(fr, Metric.FoolingRate)}", "cifar10/as-is", Metric.Queries);
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
            var newFgsm = Value(r, "cifar10/a-new", Metric.RfrFgsm);
            var newPgd = Value(r, "cifar10/a-new", Metric.RfrPgd10);
            var quantFgsm = Value(r, "cifar10/quantization", Metric.RfrFgsm);
            var quantPgd = Value(r, "cifar10/quantization", Metric.RfrPgd10);
            var qNew = Value(r, "cifar10/a-new", Metric.Queries);
            var qAsIs = Value(r, "cifar10/as-is", Metric.Queries);
            var qNone = Value(r, "cifar10/no-prior", Metric.Queries);
            var frNew = Value(r, "cifar10/a-new", Metric.FoolingRate);
            var frNone = Value(r, "cifar10/no-prior", Metric.FoolingRate);
            Judgement holds = Above(quantFgsm, newFgsm) && Above(quantPgd, newPgd) && Above(qNew, qAsIs) && Above(qNone, qNew) && Above(frNew, frNone);
            return new ClaimCheck(qNew, holds,
                $"RFR a-new {Show(newFgsm, Metric.RfrFgsm)} / {Show(newPgd, Metric.RfrPgd10)} vs quantized {Show(quantFgsm, Metric.RfrFgsm)} / {Show(quantPgd, Metric.RfrPgd10)}; " +
                $"# Queries as-is {Show(qAsIs, Metric.Queries)} < a-new {Show(qNew, Metric.Queries)} < no prior {Show(qNone, Metric.Queries)}; " +
                $"FR a-new {Show(frNew, Metric.FoolingRate)} vs no prior {Show(frNone, Metric.FoolingRate)}", "cifar10/a-new", Metric.Queries);
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
            var pgdKd = Value(r, "cifar10/distillation-resnet18", Metric.RfrPgd10);
            var pgdNas = Value(r, "cifar10/nas-nasnet", Metric.RfrPgd10);
            var qKd = Value(r, "cifar10/distillation-resnet18", Metric.Queries);
            var qNas = Value(r, "cifar10/nas-nasnet", Metric.Queries);
            return new ClaimCheck(pgdKd, Above(pgdKd, pgdNas) && Above(qNas, qKd),
                $"RFR (PGD-10) distilled ResNet18 {Show(pgdKd, Metric.RfrPgd10)} vs NASNet {Show(pgdNas, Metric.RfrPgd10)}; # Queries {Show(qKd, Metric.Queries)} vs {Show(qNas, Metric.Queries)}",
                "cifar10/distillation-resnet18", Metric.RfrPgd10);
        });

    public static Claim Ofa_SubnetworksTransferMoreThanANew { get; } = new(
        nameof(Ofa_SubnetworksTransferMoreThanANew), Experiment,
        "Every OFA sub-network transfers to the OFA server better than a model trained anew (higher FGSM and PGD-10 RFR) and cuts P-RGF's queries to a tenth of no prior",
        "the vulnerability to black-box adversarial attacks increases significantly ... significantly higher than the baseline (a new)", "RFR 0.65–0.94 / 0.95–1.00 vs 0.27 / 0.53; 21.5–122.3 vs 2726.4 queries",
        r =>
        {
            var newFgsm = Value(r, "ofa/a-new", Metric.RfrFgsm);
            var newPgd = Value(r, "ofa/a-new", Metric.RfrPgd10);
            var qNone = Value(r, "ofa/no-prior", Metric.Queries);
            var subnets = OfaSubnetRowIds().ToList();
            var judged = subnets.Select(id => (Id: id, Judgement: Above(Value(r, id, Metric.RfrFgsm), newFgsm) && Above(Value(r, id, Metric.RfrPgd10), newPgd)
                && TimesBelow(Value(r, id, Metric.Queries), qNone, 10))).ToList();
            var failing = judged.Where(j => !j.Judgement.IsHolds).Select(j => j.Id).ToList();
            var weakest = subnets.MinBy(id => Value(r, id, Metric.RfrFgsm).Mean)!;
            return new ClaimCheck(Value(r, weakest, Metric.RfrFgsm), Judgement.All(judged.Select(j => j.Judgement)),
                $"a new: RFR {Show(newFgsm, Metric.RfrFgsm)} / {Show(newPgd, Metric.RfrPgd10)}, no prior {Show(qNone, Metric.Queries)} queries; sub-nets: " +
                string.Join("; ", subnets.Select(id => $"{id[4..]} RFR {Show(Value(r, id, Metric.RfrFgsm), Metric.RfrFgsm)} / {Show(Value(r, id, Metric.RfrPgd10), Metric.RfrPgd10)}, {Show(Value(r, id, Metric.Queries), Metric.Queries)} queries")) +
                (failing.Count == 0 ? "" : $"; not clearly above: {string.Join(", ", failing)}"), weakest, Metric.RfrFgsm);
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
            var fgsm = Value(r, rowId, Metric.RfrFgsm);
            var pgd = Value(r, rowId, Metric.RfrPgd10);
            var q = Value(r, rowId, Metric.Queries);
            var newFgsm = Value(r, "cifar10/a-new", Metric.RfrFgsm);
            var newPgd = Value(r, "cifar10/a-new", Metric.RfrPgd10);
            var qNew = Value(r, "cifar10/a-new", Metric.Queries);
            return new ClaimCheck(pgd, Above(newFgsm, fgsm) && Above(newPgd, pgd) && Above(q, qNew),
                $"RFR {Show(fgsm, Metric.RfrFgsm)} / {Show(pgd, Metric.RfrPgd10)} vs a new {Show(newFgsm, Metric.RfrFgsm)} / {Show(newPgd, Metric.RfrPgd10)}; # Queries {Show(q, Metric.Queries)} vs {Show(qNew, Metric.Queries)}",
                rowId, Metric.RfrPgd10);
        });

    static Claim RfrAtLeast(string id, string rowId, string what, string paperValue) => new(
        id, Experiment, $"The {what} sibling's examples transfer to the server: RFR >= 0.9 for FGSM and PGD-10", TransferSentence, paperValue,
        r =>
        {
            var fgsm = Value(r, rowId, Metric.RfrFgsm);
            var pgd = Value(r, rowId, Metric.RfrPgd10);
            return new ClaimCheck(fgsm, AtLeast(fgsm, 0.9) && AtLeast(pgd, 0.9),
                $"FGSM {Show(fgsm, Metric.RfrFgsm)}, PGD-10 {Show(pgd, Metric.RfrPgd10)} (mean - std must reach 0.9)", rowId, Metric.RfrFgsm);
        });

    static Claim FarCheaperThanNoPrior(string id, string rowId, string what, string paperValue) => new(
        id, Experiment, $"With the {what} sibling as prior, P-RGF needs at least 10x fewer queries than with no prior and fools at least 30 points more samples",
        QuerySentence, paperValue,
        r =>
        {
            var q = Value(r, rowId, Metric.Queries);
            var qNone = Value(r, "cifar10/no-prior", Metric.Queries);
            var fr = Value(r, rowId, Metric.FoolingRate);
            var frNone = Value(r, "cifar10/no-prior", Metric.FoolingRate);
            return new ClaimCheck(q, TimesBelow(q, qNone, 10) && Above(fr, frNone, 30),
                $"# Queries {Show(q, Metric.Queries)} vs no prior {Show(qNone, Metric.Queries)}; FR {Show(fr, Metric.FoolingRate)} vs {Show(frNone, Metric.FoolingRate)}", rowId, Metric.Queries);
        });
}
