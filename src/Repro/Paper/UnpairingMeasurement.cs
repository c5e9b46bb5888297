using System.Globalization;
using Repro.Metrics;
using Repro.Harness;
using Repro.Harness.Evaluation;

namespace Repro.Paper;

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
        context.ForEach(pairs, pair => Warm(evaluator, pair.Server, pair.Device));

    /// <summary>Computes (and caches) what <see cref="Measure"/> reads for one pair.</summary>
    public static void Warm(PairEvaluator evaluator, ModelHandle server, ModelHandle device)
    {
        VulnerabilityMeasurement.Warm(evaluator, server, device);
        evaluator.Similarity(device, server);
    }

    public static void AddSimilarities(ResultBuilder result, PairEvaluator evaluator, string rowId, ModelHandle server, ModelHandle device)
    {
        foreach (var similarity in evaluator.Similarity(device, server).Measurements)
        {
            if (similarity.Mean is double mean) result.Add(rowId, Metric.Get(similarity.Metric), mean);
            else result.Detail(rowId, similarity.Metric, similarity.NotComparableReason ?? "not comparable");
        }
    }

    /// <summary>
    /// Declares the rows of a one-penalty λ grid (Tables III and XI): every (penalty, λ) of the paper's grid and the
    /// profile's, grouped by penalty; rows outside the profile's grid are marked not measured with the settings that
    /// exclude them. Returns the rows to measure.
    /// </summary>
    /// <param name="what">What a row is, before "the output-level penalty at λ = …" in the reason ("" or "training from scratch with ").</param>
    public static List<(string Id, Defense.PenaltyLocation Location, double Lambda)> SingleGridRows(ResultBuilder result, string profile, string what,
        (IReadOnlyList<Defense.PenaltyLocation> Locations, IReadOnlyList<double> Lambdas) paper, (string Setting, IReadOnlyList<Defense.PenaltyLocation> Values) locations,
        (string Setting, IReadOnlyList<double> Values) lambdas, IReadOnlyDictionary<Defense.PenaltyLocation, string> groups)
    {
        var measured = new List<(string Id, Defense.PenaltyLocation Location, double Lambda)>();
        foreach (var location in paper.Locations.Union(locations.Values))
            foreach (var lambda in Union(paper.Lambdas, lambdas.Values))
            {
                string kind = Defense.PenaltyLocations.Name(location);
                string id = $"{kind}/{LambdaText(lambda)}";
                result.Row(id, groups[location], LambdaText(lambda));
                if (locations.Values.Contains(location) && lambdas.Values.Contains(lambda)) measured.Add((id, location, lambda));
                else result.NotMeasured(id, $"{what}the {kind}-level penalty at λ = {LambdaText(lambda)} is outside profile '{profile}''s grid " +
                    $"({locations.Setting} = [{string.Join(", ", locations.Values.Select(Defense.PenaltyLocations.Name))}], {lambdas.Setting} = {List(lambdas.Values)}); the paper-grid profiles run it");
            }
        return measured;
    }

    /// <summary>
    /// Declares the rows of a (λ1, λ2) grid (Tables IV and XII), the paper's pairs and the profile's; pairs outside the
    /// profile's grid are marked not measured with the setting that excludes them. Returns the rows to measure.
    /// </summary>
    /// <param name="what">What a row is, before "(λ1, λ2) = …" in the reason ("" or "training from scratch with ").</param>
    public static List<(string Id, Profiles.LambdaPair Pair)> PairGridRows(ResultBuilder result, string profile, string what,
        IEnumerable<Profiles.LambdaPair> paper, (string Setting, IReadOnlyList<Profiles.LambdaPair> Values) grid)
    {
        var measured = new List<(string Id, Profiles.LambdaPair Pair)>();
        foreach (var pair in paper.Union(grid.Values))
        {
            string id = PairId(pair);
            result.Row(id, "", $"{LambdaText(pair.Output)} | {LambdaText(pair.Input)}");
            if (grid.Values.Contains(pair)) measured.Add((id, pair));
            else result.NotMeasured(id, $"{what}(λ1, λ2) = ({pair}) is outside profile '{profile}''s grid ({grid.Setting} = [{string.Join(", ", grid.Values)}]); the paper-grid profiles run it");
        }
        return measured;
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
