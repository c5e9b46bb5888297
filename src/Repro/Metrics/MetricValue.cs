namespace Repro.Metrics;

/// <summary>
/// A metric over a profile's seeds: mean, sample standard deviation (n - 1, 0 for one seed), n and the
/// per-seed values, so that "0.90 ± 0.01 (n = 5)" can be printed and re-derived (STYLE.md P7).
/// </summary>
public sealed record MetricValue(double Mean, double Std, int N, IReadOnlyList<double> PerSeed)
{
    /// <summary>
    /// One standard uncertainty of <see cref="Mean"/> where it is known beyond its own seeds: for a one-seed value,
    /// the standard deviation over seeds measured for its profile (<see cref="UncertaintySeeds"/> of them). Null:
    /// the uncertainty is std/√n over this value's own seeds (0 for one seed).
    /// </summary>
    public double? Uncertainty { get; init; }

    /// <summary>How many seeds <see cref="Uncertainty"/> was measured over; null when it is not set.</summary>
    public int? UncertaintySeeds { get; init; }

    public static MetricValue FromSeeds(IReadOnlyList<double> values, string what = "metric")
    {
        if (values.Count == 0) throw new ArgumentException($"{what}: no values to aggregate");
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new ArithmeticException($"{what}: seed value #{i} is {values[i]}; a metric must be a finite number");
        double mean = values.Average();
        double std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new MetricValue(mean, std, values.Count, values.ToArray());
    }

    public static MetricValue Single(double value, string what = "metric") => FromSeeds(new[] { value }, what);
}
