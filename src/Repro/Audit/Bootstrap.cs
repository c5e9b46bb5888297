namespace Repro.Audit;

/// <summary>
/// Percentile bootstrap over samples: the statistic recomputed on resamples drawn with replacement, its 2.5th and
/// 97.5th percentiles the interval. Seeded, so the same outcomes always give the same interval.
/// </summary>
public static class Bootstrap
{
    public static Estimate Of<T>(IReadOnlyList<T> samples, Func<IReadOnlyList<T>, double> statistic, int resamples, int seed)
    {
        if (samples.Count == 0) throw new ArgumentException("a bootstrap interval over no samples is undefined");
        var random = new Random(seed);
        var values = new double[resamples];
        var draw = new T[samples.Count];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < draw.Length; i++) draw[i] = samples[random.Next(samples.Count)];
            values[r] = statistic(draw);
        }
        Array.Sort(values);
        return new Estimate(statistic(samples), Percentile(values, 0.025), Percentile(values, 0.975));
    }

    /// <summary>Linear interpolation between the order statistics of sorted <paramref name="sorted"/>.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        double position = q * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0) throw new ArgumentException("the median of no values is undefined");
        return Percentile(sorted, 0.5);
    }
}
