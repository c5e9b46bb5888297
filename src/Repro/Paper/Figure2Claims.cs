using static Repro.Claims.ClaimRules;
using static Repro.Claims.UnpairingRules;
using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Figure 2 backs (§V-A): input-gradient similarity predicts the vulnerability.</summary>
public static class Figure2Claims
{
    const string Experiment = nameof(Figure2_SimilarityVsVulnerability);

    /// <summary>A strong linear association, by the usual reading of Pearson's r; chosen before measuring.</summary>
    public const double StrongCorrelation = 0.5;

    public static Claim InputGradientSimilarity_PredictsTransfer { get; } = new(
        nameof(InputGradientSimilarity_PredictsTransfer), Experiment,
        $"Across Table I's on-device models, the input-gradient similarity correlates with the RFR of FGSM and of PGD-10 with Pearson's r of at least {StrongCorrelation}",
        "We first show that the input-gradient similarity directly predicts how easy it is to perform a black-box attack",
        "Figure 2 (right): RFR rises with the similarity",
        r =>
        {
            var fgsm = Value(r, "correlation/rfr_fgsm", "pearson_r");
            var pgd = Value(r, "correlation/rfr_pgd10", "pearson_r");
            return new ClaimCheck(fgsm, AtLeast(fgsm, StrongCorrelation) && AtLeast(pgd, StrongCorrelation),
                $"r with RFR FGSM {Show(fgsm, "pearson_r")}, with RFR PGD-10 {Show(pgd, "pearson_r")}", "correlation/rfr_fgsm", "pearson_r");
        });

    public static Claim InputGradientSimilarity_PredictsQueryAttack { get; } = new(
        nameof(InputGradientSimilarity_PredictsQueryAttack), Experiment,
        $"Across Table I's on-device models, the input-gradient similarity correlates with P-RGF's FR (r ≥ {StrongCorrelation}) and against its queries (r ≤ -{StrongCorrelation})",
        "And in query attacks (the right figure), as similarity increases, the query efficiency and the FR also increase",
        "Figure 2 (right): # Q falls and FR rises with the similarity",
        r =>
        {
            var fr = Value(r, "correlation/fooling_rate", "pearson_r");
            var q = Value(r, "correlation/queries", "pearson_r");
            return new ClaimCheck(fr, AtLeast(fr, StrongCorrelation) && AtMost(q, -StrongCorrelation),
                $"r with FR {Show(fr, "pearson_r")}, with # Queries {Show(q, "pearson_r")}", "correlation/fooling_rate", "pearson_r");
        });

    public static Claim MostSimilarPair_IsTheBestTransferSource { get; } = new(
        nameof(MostSimilarPair_IsTheBestTransferSource), Experiment,
        "The on-device model with the highest input-gradient similarity gives the highest RFR (FGSM + PGD-10), and the one with the lowest similarity the lowest",
        "the model pair that is most similar is the best transfer source, and the least similar model pair is the worst transfer source",
        "Figure 2 (middle)",
        r =>
        {
            var pairs = r.Rows.Where(row => row.Id.StartsWith("cifar10/", StringComparison.Ordinal)
                    && row.Metrics.ContainsKey("similarity_gradients") && row.Metrics.ContainsKey("rfr_fgsm") && row.Metrics.ContainsKey("rfr_pgd10"))
                .Select(row => (row.Id, Similarity: row.Metrics["similarity_gradients"].Mean, Transfer: row.Metrics["rfr_fgsm"].Mean + row.Metrics["rfr_pgd10"].Mean))
                .ToList();
            if (pairs.Count < 2) throw new MissingMeasurementException($"{Experiment} ({r.Profile}) has {pairs.Count} on-device models with a similarity and both RFRs; the claim compares at least two");
            var mostSimilar = pairs.MaxBy(p => p.Similarity);
            var leastSimilar = pairs.MinBy(p => p.Similarity);
            // Ties (e.g. two siblings that both transfer perfectly) count: the most similar must reach the best transfer, within 0.01.
            bool holds = mostSimilar.Transfer >= pairs.Max(p => p.Transfer) - 0.01 && leastSimilar.Transfer <= pairs.Min(p => p.Transfer) + 0.01;
            return new ClaimCheck(r.Row(mostSimilar.Id).Metrics["rfr_pgd10"], holds,
                $"most similar {mostSimilar.Id} ({F(mostSimilar.Similarity)}): RFR sum {F(mostSimilar.Transfer)} (best {F(pairs.Max(p => p.Transfer))}); " +
                $"least similar {leastSimilar.Id} ({F(leastSimilar.Similarity)}): RFR sum {F(leastSimilar.Transfer)} (worst {F(pairs.Min(p => p.Transfer))})",
                mostSimilar.Id, "rfr_pgd10");
        });

    public static Claim LowSimilarity_MeansLowVulnerability { get; } = new(
        nameof(LowSimilarity_MeansLowVulnerability), Experiment,
        $"The on-device models with an input-gradient similarity below {Figure2_SimilarityVsVulnerability.LowSimilarity} leave the server materially less vulnerable, on average, than the others",
        "We also find that decreasing the input-gradient similarity below 0.4 reduces the vulnerability significantly",
        "below 0.4: RFR 0.1–0.25 / 0.3–0.8, # Q 1000–1600, FR 55–90%",
        r => ReducesVulnerability(r, "low-similarity", "high-similarity"));

    public static IReadOnlyList<Claim> All { get; } = new[]
    {
        InputGradientSimilarity_PredictsTransfer, InputGradientSimilarity_PredictsQueryAttack, MostSimilarPair_IsTheBestTransferSource, LowSimilarity_MeansLowVulnerability,
    };
}
