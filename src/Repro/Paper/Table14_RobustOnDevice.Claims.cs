using Repro.Metrics;
using static Repro.Claims.ClaimRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Table XIV backs (Appendix H, scenario 3), as rules on the measured table.</summary>
public sealed partial class Table14_RobustOnDevice
{
    const string Experiment = nameof(Table14_RobustOnDevice);
    const string TransferSentence = "Compared to the baseline (as-is), AT significantly reduces the RFR of the transfer-based attacks—i.e., from 1.00 to 0.03–0.05 in FGSM and 0.2–0.4 in PGD-10";
    const string AccuracySentence = "as expected, the robust on-device models have 10–18% less accuracy, compared to the undefended models";
    const string OursSentence = "The on-device model has an accuracy of 93% (no accuracy drop) and reduces the vulnerability more than any robust model";

    /// <summary>The robust rows the profile measured (mini trains no robust MobileNetV2 or SqueezeNet).</summary>
    static IEnumerable<string> MeasuredRobustIds(Reporting.ExperimentResult r) =>
        r.Rows.Where(x => x.Id.StartsWith("cifar10/robust-", StringComparison.Ordinal) && x.NotMeasuredReason is null).Select(x => x.Id);

    public static Claim RobustSiblings_CutFgsmRfrToAFewHundredths { get; } = new(
        nameof(RobustSiblings_CutFgsmRfrToAFewHundredths), Experiment,
        "Every adversarially trained on-device model transfers FGSM examples to the undefended server with RFR <= 0.1",
        TransferSentence, "0.03–0.05",
        r => EveryRobust(r, Metric.RfrFgsm, v => AtMost(v, 0.1), "at most 0.1", highest: true));

    public static Claim RobustSiblings_CutPgdRfrToTwoToFourTenths { get; } = new(
        nameof(RobustSiblings_CutPgdRfrToTwoToFourTenths), Experiment,
        "Every adversarially trained on-device model transfers PGD-10 examples with RFR <= 0.45 (the text's 0.2–0.4; the table prints up to 0.42), far below as-is (1.00)",
        TransferSentence, "0.22–0.42",
        r => EveryRobust(r, Metric.RfrPgd10, v => AtMost(v, 0.45), "at most 0.45", highest: true));

    public static Claim RobustSiblings_CostEightToEighteenPoints { get; } = new(
        nameof(RobustSiblings_CostEightToEighteenPoints), Experiment,
        "Every adversarially trained on-device model is more than 8 and at most 18 points less accurate than the undefended server (the text's 10–18; the table prints 9–17)",
        AccuracySentence, "83 / 78 / 75 / 82 / 81 vs 92",
        r =>
        {
            var server = Value(r, "cifar10/as-is", Metric.Accuracy);
            return EveryRobust(r, Metric.Accuracy, v => Above(server, v, 8) & DifferenceAtMost(server, v, 18), $"8–18 points below the server's {Show(server, Metric.Accuracy)}", highest: false);
        });

    public static Claim Unpaired_KeepsAccuracyAndIsLeastVulnerable { get; } = new(
        nameof(Unpaired_KeepsAccuracyAndIsLeastVulnerable), Experiment,
        "The unpaired server (Table IV's λ1 = λ2 = 1) keeps the server's accuracy (within 3 points) and, as a prior, gives a lower PGD-10 RFR, a lower FR and more P-RGF queries than every robust on-device model",
        OursSentence, "93%; PGD-10 0.08 vs >= 0.22, FR 34% vs >= 44%, 2835.5 vs <= 2429.7 queries",
        r =>
        {
            var server = Value(r, "cifar10/as-is", Metric.Accuracy);
            var accuracy = Value(r, "cifar10/ours", Metric.Accuracy);
            var pgd = Value(r, "cifar10/ours", Metric.RfrPgd10);
            var fr = Value(r, "cifar10/ours", Metric.FoolingRate);
            var q = Value(r, "cifar10/ours", Metric.Queries);
            var ids = MeasuredRobustIds(r).ToList();
            var judged = ids.Select(id => Above(Value(r, id, Metric.RfrPgd10), pgd) & Above(Value(r, id, Metric.FoolingRate), fr) & Above(q, Value(r, id, Metric.Queries))).ToList();
            return new ClaimCheck(pgd, DifferenceAtMost(server, accuracy, 3) & Judgement.All(judged),
                $"ours: accuracy {Show(accuracy, Metric.Accuracy)} (server {Show(server, Metric.Accuracy)}), PGD-10 {Show(pgd, Metric.RfrPgd10)}, FR {Show(fr, Metric.FoolingRate)}, {Show(q, Metric.Queries)} queries; " +
                string.Join("; ", ids.Select(id => $"{id[15..]} PGD-10 {Show(Value(r, id, Metric.RfrPgd10), Metric.RfrPgd10)}, FR {Show(Value(r, id, Metric.FoolingRate), Metric.FoolingRate)}, {Show(Value(r, id, Metric.Queries), Metric.Queries)} queries")),
                "cifar10/ours", Metric.RfrPgd10);
        });

    static ClaimCheck EveryRobust(Reporting.ExperimentResult r, Metric metric, Func<MetricValue, Judgement> rule, string what, bool highest)
    {
        var ids = MeasuredRobustIds(r).ToList();
        var judged = ids.Select(id => (Id: id, Judgement: rule(Value(r, id, metric)))).ToList();
        var extreme = highest ? ids.MaxBy(id => Value(r, id, metric).Mean)! : ids.MinBy(id => Value(r, id, metric).Mean)!;
        var failing = judged.Where(j => !j.Judgement.IsHolds).Select(j => j.Id[15..]).ToList();
        return new ClaimCheck(Value(r, extreme, metric), Judgement.All(judged.Select(j => j.Judgement)),
            string.Join("; ", ids.Select(id => $"{id[15..]} {Show(Value(r, id, metric), metric)}")) + $" (each {what})" +
            (failing.Count == 0 ? "" : $"; not clearly so: {string.Join(", ", failing)}"), extreme, metric);
    }

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[]
    {
        RobustSiblings_CutFgsmRfrToAFewHundredths, RobustSiblings_CutPgdRfrToTwoToFourTenths, RobustSiblings_CostEightToEighteenPoints, Unpaired_KeepsAccuracyAndIsLeastVulnerable,
    };
}
