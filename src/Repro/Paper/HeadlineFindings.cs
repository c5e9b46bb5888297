using System.Globalization;
using Repro.Claims;
using Repro.Metrics;
using static Repro.Claims.ClaimRules;

namespace Repro.Paper;

/// <summary>
/// The paper's headline findings (abstract, §I, contributions, §VII) as checks over the measured tables, before the
/// table-level claims. Each is judged over every pair the profile measures: a relation at every scale, and a number
/// that depends on the scale (the query budget caps "up to 100x") only at the paper's.
/// </summary>
public static class HeadlineFindings
{
    /// <summary>A published sibling and the row of Table I it is.</summary>
    sealed record Sibling(string Label, string Row);

    /// <summary>An on-device model before and after similarity-unpairing (finetune-last), in the table that measures both.</summary>
    sealed record UnpairedPair(string Label, string Experiment, string Original, string Unpaired);

    const string TableI = nameof(Table01_OnDevicePriors);
    const string NoPrior = "cifar10/no-prior";

    static readonly Sibling[] Siblings =
    {
        new("8-bit", "cifar10/quantization"), new("pruned", "cifar10/pruning"), new("distilled ResNet18", "cifar10/distillation-resnet18"),
        new("a new", "cifar10/a-new"), new("NASNet", "cifar10/nas-nasnet"), new("MobileNetV2", "cifar10/manual-mobilenetv2"),
        new("SqueezeNet", "cifar10/manual-squeezenet"),
    };

    /// <summary>The siblings the paper's query finding is made of (the mechanisms that keep the server's function).</summary>
    static readonly Sibling[] Compressed = Siblings.Take(2).ToArray();

    static readonly UnpairedPair[] Unpaired =
    {
        new("8-bit (Table VI)", nameof(Table06_UnpairingQuantization), "cifar10/baseline", "cifar10/fl"),
        new("pruned (Table VII)", nameof(Table07_UnpairingPruning), "cifar10/baseline", "cifar10/fl"),
        new("distilled ResNet18 (Table VIII)", nameof(Table08_UnpairingDistillation), "resnet18/baseline", "resnet18/fl"),
        new("distilled NASNet (Table VIII)", nameof(Table08_UnpairingDistillation), "nasnet/baseline", "nasnet/fl"),
        new("MobileNetV2 (Table IX)", nameof(Table09_UnpairingArchitectures), "mobilenetv2/baseline", "mobilenetv2/fl"),
        new("SqueezeNet (Table IX)", nameof(Table09_UnpairingArchitectures), "squeezenet/baseline", "squeezenet/fl"),
        new("OFA (2, 6, 7) (Table IX)", nameof(Table09_UnpairingArchitectures), "ofa/baseline", "ofa/fl"),
    };

    public static Finding SiblingsTransferUpToFully { get; } = new(
        nameof(SiblingsTransferUpToFully),
        "Adversarial examples crafted on a published sibling transfer to the server with up to 100% success",
        "§I", "We find that adversarial examples crafted on on-device models transfer with up to 100% success",
        "Table I: RFR 1.00 / 1.00 (8-bit), 0.90 / 1.00 (pruned)",
        "the best sibling's PGD-10 RFR is at least 0.9 (its examples fool the server about as often as the server's own)", null,
        e =>
        {
            var measured = Siblings.Select(s => (s, Fgsm: e.TryValue(TableI, s.Row, Metric.RfrFgsm), Pgd: e.TryValue(TableI, s.Row, Metric.RfrPgd10)))
                .Where(p => p.Fgsm is not null && p.Pgd is not null).ToList();
            if (measured.Count == 0) throw new MissingMeasurementException($"no sibling of Table I measured at the '{e.Profile}' profile");
            var best = measured.MaxBy(p => p.Pgd!.Mean);
            return new FindingCheck(AtLeast(best.Pgd!, 0.9),
                $"best sibling {best.s.Label}: PGD-10 RFR {Show(best.Pgd!, Metric.RfrPgd10)}, FGSM {Show(best.Fgsm!, Metric.RfrFgsm)}", null, "",
                measured.Select(p => $"{p.s.Label}: RFR {Show(p.Fgsm!, Metric.RfrFgsm)} (FGSM) / {Show(p.Pgd!, Metric.RfrPgd10)} (PGD-10)").ToList());
        });

    public static Finding PriorCutsQueries { get; } = new(
        nameof(PriorCutsQueries),
        "A published sibling as the prior cuts P-RGF's queries 10-100x and raises its success",
        "Abstract, §I", "an adversary requires 10–100× fewer queries to fool the server model and have a higher attack success if they have access to an on-device model (abstract: the vulnerability increases by up to 100x)",
        "Table I: 13.9 (8-bit) and 15.1 (pruned) vs 3047.2 queries without a prior (219x, 202x); FR 100% vs 28%",
        "with the 8-bit and the pruned sibling as the prior, P-RGF needs at least 10x fewer queries and fools more images than without a prior",
        "the best sibling cuts the queries at least 100x (the no-prior cost grows with the query budget and the scale)",
        e =>
        {
            var none = e.TryValue(TableI, NoPrior, Metric.Queries) ?? throw new MissingMeasurementException($"Table I's no-prior row is not measured at the '{e.Profile}' profile");
            var frNone = e.TryValue(TableI, NoPrior, Metric.FoolingRate)!;
            var measured = Siblings.Select(s => (s, Q: e.TryValue(TableI, s.Row, Metric.Queries), Fr: e.TryValue(TableI, s.Row, Metric.FoolingRate)))
                .Where(p => p.Q is not null && p.Fr is not null).ToList();
            var compressed = measured.Where(p => Compressed.Contains(p.s)).ToList();
            if (compressed.Count == 0) throw new MissingMeasurementException($"neither the 8-bit nor the pruned sibling's P-RGF is measured at the '{e.Profile}' profile");
            var relation = Judgement.All(compressed.Select(p => TimesBelow(p.Q!, none, 10) && Above(p.Fr!, frNone)));
            var best = measured.MinBy(p => p.Q!.Mean);
            double ratio = none.Mean / best.Q!.Mean;
            return new FindingCheck(relation,
                string.Join("; ", compressed.Select(p => $"{p.s.Label} {Show(p.Q!, Metric.Queries)} vs {Show(none, Metric.Queries)} queries ({Times(none.Mean / p.Q!.Mean)}), FR {Show(p.Fr!, Metric.FoolingRate)} vs {Show(frNone, Metric.FoolingRate)}")),
                TimesBelow(best.Q!, none, 100), $"the best sibling ({best.s.Label}) cuts the queries {Times(ratio)}",
                measured.Select(p => $"{p.s.Label}: {Show(p.Q!, Metric.Queries)} queries ({Fewer(none.Mean / p.Q!.Mean)} than no prior's {Show(none, Metric.Queries)}), FR {Show(p.Fr!, Metric.FoolingRate)} vs {Show(frNone, Metric.FoolingRate)}").ToList());
        });

    public static Finding TrainingLongerReducesVulnerability { get; } = new(
        nameof(TrainingLongerReducesVulnerability),
        "Training the sibling longer reduces the vulnerability",
        "§I", "We find that (i) training on-device models longer reduces the vulnerability",
        "Figure 1 (left): FGSM RFR 0.82 → 0.54 and queries 23 → 59 over 200 epochs of fine-tuning",
        "over the fine-tuning snapshots of Figure 1, FGSM's RFR falls and P-RGF's queries rise (Figure 1's two claims)", null,
        e => FromClaims(e, Figure1_CostVsSecurity.FineTuning_FgsmTransferFallsWithEpochs, Figure1_CostVsSecurity.FineTuning_QueriesRiseWithEpochs));

    public static Finding ArchitecturalDifferenceReducesVulnerability { get; } = new(
        nameof(ArchitecturalDifferenceReducesVulnerability),
        "The more the sibling's architecture differs from the server's, the less vulnerable the server",
        "§I", "(ii) the more the difference between server and on-device models' architectures, the less vulnerability is",
        "Table I: NASNet and SqueezeNet RFR 0.11 vs 0.17 (a new); Figure 1 (right): FGSM RFR 1.00 → 0.65, queries 13 → 122 as the OFA sub-network's difference grows",
        "NASNet and SqueezeNet trained from scratch transfer less than the server's architecture trained anew (Table I), and along Figure 1's OFA sweep FGSM's RFR falls and the queries rise with the difference",
        null,
        e => FromClaims(e, Table01_OnDevicePriors.NasNet_TransfersLessThanANew, Table01_OnDevicePriors.SqueezeNet_TransfersLessThanANew,
            Figure1_CostVsSecurity.ArchitecturalDifference_FgsmTransferFalls, Figure1_CostVsSecurity.ArchitecturalDifference_QueriesRise));

    public static Finding SimilarityPredictsVulnerability { get; } = new(
        nameof(SimilarityPredictsVulnerability),
        "The similarity metrics predict the vulnerability",
        "Abstract, §I", "the vulnerability increases as the similarity between a full-scale and its efficient model increase ... our metrics effectively predict how vulnerable a model will be",
        "Figure 2: RFR, FR and query efficiency rise with the input-gradient similarity",
        $"across Table I's siblings the input-gradient similarity correlates with both RFRs and P-RGF's FR (r ≥ {Figure2_SimilarityVsVulnerability.StrongCorrelation}) and against its queries (Figure 2's claims)",
        null,
        e => FromClaims(e, Figure2_SimilarityVsVulnerability.InputGradientSimilarity_PredictsTransfer, Figure2_SimilarityVsVulnerability.InputGradientSimilarity_PredictsQueryAttack));

    public static Finding UnpairingWeakensTransfer { get; } = new(
        nameof(UnpairingWeakensTransfer),
        "Similarity-unpairing makes the sibling's adversarial examples transfer 50-80% (up to 90%) less",
        "Abstract, §I", "The adversarial examples crafted our fine-tuned models transfer 50–80% less than the attacks with the original on-device model (abstract: it reduces the transferability up to 90%)",
        "Table VI FL: RFR 1.00 → 0.13 / 1.00 → 0.31 (87% / 69% less); Table VII FL: 0.90 → 0.21 / 1.00 → 0.51",
        "on most pairs (more than half) the unpaired sibling's PGD-10 RFR is below its original's (the paper's own Table VIII has one pair, NASNet, that goes the other way)",
        "for the compressed siblings (8-bit and pruned, Tables VI and VII) the RFR (mean of FGSM and PGD-10) falls by at least 50% on average; relative to the original sibling, so judged at every scale (the paper's own: 78% and 60%; its distilled, NASNet and SqueezeNet pairs fall less)",
        e =>
        {
            var measured = MeasuredPairs(e).ToList();
            var relation = Majority(measured.Select(p => Above(p.Pgd0, p.Pgd)));
            var compressed = measured.Where(p => p.Pair.Experiment is nameof(Table06_UnpairingQuantization) or nameof(Table07_UnpairingPruning)).ToList();
            if (compressed.Count == 0) throw new MissingMeasurementException($"neither Table VI's nor Table VII's pair is measured at the '{e.Profile}' profile");
            var reductions = compressed.Select(p => Reduction(p)).ToList();
            double mean = reductions.Average(r => r.Value), u = Math.Sqrt(reductions.Sum(r => r.U * r.U)) / reductions.Count;
            return new FindingCheck(relation,
                $"PGD-10 RFR lower after unpairing on {measured.Count(p => Above(p.Pgd0, p.Pgd).IsHolds)} of {measured.Count} pairs",
                AtLeast(mean, u, 0.5), $"mean reduction {Percent(mean)} ± {Percent(u)} over the {compressed.Count} compressed pair(s); over all {measured.Count} pairs {Percent(measured.Average(p => Reduction(p).Value))}",
                measured.Select(p => $"{p.Pair.Label}: RFR {Show(p.Fgsm0, Metric.RfrFgsm)} → {Show(p.Fgsm, Metric.RfrFgsm)} (FGSM), {Show(p.Pgd0, Metric.RfrPgd10)} → {Show(p.Pgd, Metric.RfrPgd10)} (PGD-10): {Percent(Reduction(p).Value)} less").ToList());
        }) { MagnitudeDependsOnScale = false };

    public static Finding UnpairingForcesQueries { get; } = new(
        nameof(UnpairingForcesQueries),
        "Similarity-unpairing forces the attacker to 2-10x (abstract: 10-100x) more queries for similar or fewer successes",
        "Abstract, §I", "we force the adversary to use 2–10× more queries to achieve similar or fewer successes in black-box attacks (abstract: the number of queries required by a factor of 10–100x)",
        "Table VI FL: 13.7 → 1131.9 queries (83x), FR 100% → 74%; Table VIII FL: 752 → 2337 (3x)",
        "on most pairs (more than half), with the unpaired sibling as the prior P-RGF needs at least 2x the queries of the original sibling and fools no more images (the paper's own Tables VIII and IX have pairs that do not)",
        "the largest increase is at least 10x (it is capped by the query budget and the no-prior cost, which grow with the scale)",
        e =>
        {
            var measured = MeasuredPairs(e).ToList();
            var relation = Majority(measured.Select(p => TimesBelow(p.Q0, p.Q, 2) && !Above(p.Fr, p.Fr0)));
            var best = measured.MaxBy(p => p.Q.Mean / p.Q0.Mean)!;
            return new FindingCheck(relation,
                $"at least 2x the queries with FR not higher on {measured.Count(p => (TimesBelow(p.Q0, p.Q, 2) && !Above(p.Fr, p.Fr0)).IsHolds)} of {measured.Count} pairs",
                TimesBelow(best.Q0, best.Q, 10), $"largest increase {Times(best.Q.Mean / best.Q0.Mean)} ({best.Pair.Label})",
                measured.Select(p => $"{p.Pair.Label}: {Show(p.Q0, Metric.Queries)} → {Show(p.Q, Metric.Queries)} queries ({Times(p.Q.Mean / p.Q0.Mean)}), FR {Show(p.Fr0, Metric.FoolingRate)} → {Show(p.Fr, Metric.FoolingRate)}").ToList());
        });

    /// <summary>In the order a reader meets them: the vulnerability, why it occurs, the defense.</summary>
    public static IReadOnlyList<Finding> All { get; } = new[]
    {
        SiblingsTransferUpToFully, PriorCutsQueries, TrainingLongerReducesVulnerability, ArchitecturalDifferenceReducesVulnerability,
        SimilarityPredictsVulnerability, UnpairingWeakensTransfer, UnpairingForcesQueries,
    };

    /// <summary>The conjunction of table-level claims measured at this profile; "not measured" when none is.</summary>
    static FindingCheck FromClaims(FindingEvidence e, params Claim[] claims)
    {
        var judged = claims.Select(c => (Claim: c, Judged: e.Judge(c))).ToList();
        var measured = judged.Where(j => j.Judged is not null).ToList();
        if (measured.Count == 0)
            throw new MissingMeasurementException($"none of {string.Join(", ", claims.Select(c => $"{c.Experiment}.{c.Id}"))} is measured at the '{e.Profile}' profile");
        var pairs = judged.Select(j => j.Judged is { } v
            ? $"{j.Claim.Experiment}.{j.Claim.Id}: {v.Verdict.Outcome.ToString().ToLowerInvariant()} ({v.Verdict.Explanation})"
            : $"{j.Claim.Experiment}.{j.Claim.Id}: not measured at the '{e.Profile}' profile").ToList();
        return new FindingCheck(Judgement.All(measured.Select(m => m.Judged!.Value.Judgement)),
            $"{measured.Count(m => m.Judged!.Value.Judgement.IsHolds)} of {measured.Count} measured claims hold ({judged.Count - measured.Count} not measured here)", null, "", pairs);
    }

    /// <summary>Holds when more than half of the pairs hold, fails when at least half fail, otherwise inconclusive.</summary>
    static Judgement Majority(IEnumerable<Judgement> pairs)
    {
        var list = pairs.ToList();
        int holds = list.Count(j => j.IsHolds), fails = list.Count(j => j.IsFails);
        return Judgement.Of(2 * holds > list.Count, 2 * fails >= list.Count);
    }

    sealed record MeasuredPair(UnpairedPair Pair, MetricValue Fgsm0, MetricValue Fgsm, MetricValue Pgd0, MetricValue Pgd, MetricValue Q0, MetricValue Q, MetricValue Fr0, MetricValue Fr);

    static IEnumerable<MeasuredPair> MeasuredPairs(FindingEvidence e)
    {
        var pairs = new List<MeasuredPair>();
        foreach (var p in Unpaired)
        {
            MetricValue? V(string row, Metric m) => e.TryValue(p.Experiment, row, m);
            if (V(p.Original, Metric.RfrFgsm) is { } fgsm0 && V(p.Unpaired, Metric.RfrFgsm) is { } fgsm && V(p.Original, Metric.RfrPgd10) is { } pgd0
                && V(p.Unpaired, Metric.RfrPgd10) is { } pgd && V(p.Original, Metric.Queries) is { } q0 && V(p.Unpaired, Metric.Queries) is { } q
                && V(p.Original, Metric.FoolingRate) is { } fr0 && V(p.Unpaired, Metric.FoolingRate) is { } fr)
                pairs.Add(new MeasuredPair(p, fgsm0, fgsm, pgd0, pgd, q0, q, fr0, fr));
        }
        if (pairs.Count == 0) throw new MissingMeasurementException($"no original/unpaired sibling pair (Tables VI–IX) is measured at the '{e.Profile}' profile");
        return pairs;
    }

    /// <summary>1 − unpaired/original, averaged over FGSM and PGD-10, with its first-order uncertainty.</summary>
    static (double Value, double U) Reduction(MeasuredPair p)
    {
        static (double, double) One(MetricValue original, MetricValue unpaired)
        {
            double b = Math.Max(original.Mean, 1e-9), ratio = unpaired.Mean / b;
            double u = Math.Sqrt(Math.Pow(U(unpaired) / b, 2) + Math.Pow(ratio * U(original) / b, 2));
            return (1 - ratio, u);
        }
        var (f, uf) = One(p.Fgsm0, p.Fgsm);
        var (g, ug) = One(p.Pgd0, p.Pgd);
        return ((f + g) / 2, Math.Sqrt(uf * uf + ug * ug) / 2);
    }

    static string Fewer(double ratio) => ratio >= 1 ? $"{Times(ratio)} fewer" : $"{Times(1 / ratio)} more";

    static string Times(double ratio) => ratio.ToString(ratio >= 10 ? "0" : "0.0", CultureInfo.InvariantCulture) + "x";

    static string Percent(double fraction) => (100 * fraction).ToString("0", CultureInfo.InvariantCulture) + "%";
}
