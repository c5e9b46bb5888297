using System.Globalization;
using Repro.Metrics;

namespace Repro.Experiments.Evaluation;

/// <summary>
/// A row of the unpairing tables: Table I's columns (<see cref="VulnerabilityMeasurement"/>) plus Appendix D's
/// similarities of the defended model to the server, which show whether the penalty did what it penalises.
/// A penultimate similarity that is not comparable (different widths) is recorded as a detail with its reason.
/// </summary>
public static class UnpairingMeasurement
{
    public static void Measure(ResultBuilder result, PairEvaluator evaluator, string rowId, ModelHandle server, ModelHandle device)
    {
        VulnerabilityMeasurement.Measure(result, evaluator, rowId, server, device);
        AddSimilarities(result, evaluator, rowId, server, device);
        result.Detail(rowId, Reporting.ResultRow.ArtifactDetail, device.Key.ToString());
    }

    /// <summary>
    /// Computes (and caches) what <see cref="Measure"/> reads for every pair, on the context's parallel workers and in
    /// the order given (put the costliest first); the table is then measured in its own order from the cache.
    /// </summary>
    public static void Warm(RunContext context, PairEvaluator evaluator, IEnumerable<(ModelHandle Server, ModelHandle Device)> pairs) =>
        context.ForEach(pairs, pair =>
        {
            VulnerabilityMeasurement.Warm(evaluator, pair.Server, pair.Device);
            evaluator.Similarity(pair.Device, pair.Server);
        });

    public static void AddSimilarities(ResultBuilder result, PairEvaluator evaluator, string rowId, ModelHandle server, ModelHandle device)
    {
        foreach (var similarity in evaluator.Similarity(device, server).Measurements)
        {
            if (similarity.Mean is double mean) result.Add(rowId, similarity.Metric, mean);
            else result.Detail(rowId, similarity.Metric, similarity.NotComparableReason ?? "not comparable");
        }
    }

    /// <summary>λ as Tables III/IV/XI/XII print it and their row ids use: "0.0", "0.001", "1.0", "10.0".</summary>
    public static string LambdaText(double lambda) =>
        lambda == Math.Floor(lambda) ? lambda.ToString("0.0", CultureInfo.InvariantCulture) : lambda.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Row id of a (λ1, λ2) pair: "0.01-1.0".</summary>
    public static string PairId(Profiles.LambdaPair pair) => $"{LambdaText(pair.Output)}-{LambdaText(pair.Input)}";

    /// <summary>The paper's values and the profile's, ascending, without repeats: the rows a λ table shows.</summary>
    public static IReadOnlyList<double> Union(IEnumerable<double> paper, IEnumerable<double> profile) =>
        paper.Concat(profile).Distinct().OrderBy(v => v).ToList();

    public static string List(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(LambdaText)) + "]";
}
