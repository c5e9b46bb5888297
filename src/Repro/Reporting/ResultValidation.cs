using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>
/// Checks an <see cref="ExperimentResult"/> before it is written or after it is read: a NaN or infinite
/// metric is an error (DESIGN.md §6), row ids are unique, and the fields the report prints are present.
/// </summary>
public static class ResultValidation
{
    public static IReadOnlyList<string> Problems(ExperimentResult result)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(result.Experiment)) problems.Add("the experiment name is empty");
        if (string.IsNullOrWhiteSpace(result.Profile)) problems.Add($"{result.Experiment}: the profile name is empty");
        string where = $"{result.Experiment} ({result.Profile})";

        foreach (var duplicate in result.Rows.GroupBy(r => r.Id).Where(g => g.Count() > 1))
            problems.Add($"{where}: row id '{duplicate.Key}' appears {duplicate.Count()} times; row ids join rows to baselines and must be unique");
        foreach (var row in result.Rows)
        {
            if (string.IsNullOrWhiteSpace(row.Id)) problems.Add($"{where}: a row has an empty id (label '{row.Label}')");
            foreach (var (metric, value) in row.Metrics)
            {
                // Every key must be catalogued, so that its format, direction and snapshot tolerance are known.
                if (!(Metric.Find(metric) is not null)) problems.Add($"{where}, row '{row.Id}': {Metric.UnknownKeyMessage(metric)}");
                CheckValue(value, $"{where}, row '{row.Id}', metric '{metric}'", problems);
            }
        }
        foreach (var series in result.Figures)
            foreach (var point in series.Points)
            {
                string at = $"{where}, figure '{series.Figure}' series '{series.Series}'";
                if (!double.IsFinite(point.X)) problems.Add($"{at}: x is {point.X}; a plotted value must be a finite number");
                CheckValue(point.Y, at, problems);
            }
        return problems;
    }

    public static void ThrowIfInvalid(ExperimentResult result, string what)
    {
        var problems = Problems(result);
        if (problems.Count > 0) throw new InvalidDataException($"{what}: {string.Join("; ", problems)}");
    }

    private static void CheckValue(MetricValue value, string at, List<string> problems)
    {
        if (!double.IsFinite(value.Mean)) problems.Add($"{at}: mean is {value.Mean}; a metric must be a finite number");
        if (!double.IsFinite(value.Std) || value.Std < 0) problems.Add($"{at}: std is {value.Std}; expected a finite number >= 0");
        if (value.N < 0) problems.Add($"{at}: n is {value.N}; expected >= 0");
        for (int i = 0; i < value.PerSeed.Count; i++)
            if (!double.IsFinite(value.PerSeed[i])) problems.Add($"{at}: seed value #{i} is {value.PerSeed[i]}; a metric must be a finite number");
    }
}
