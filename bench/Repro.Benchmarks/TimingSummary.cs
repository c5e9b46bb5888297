namespace Repro.Benchmarks;

/// <summary>
/// Times of one workload in milliseconds per operation, one per measured run, summarised the same way for
/// Repro and PyTorch: the median and the interquartile range (linear interpolation between order statistics).
/// </summary>
public sealed record TimingSummary(IReadOnlyList<double> Milliseconds)
{
    public double Median => Quantile(0.5);
    public double P25 => Quantile(0.25);
    public double P75 => Quantile(0.75);

    public double Quantile(double q)
    {
        if (Milliseconds.Count == 0) return double.NaN;
        var sorted = Milliseconds.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>"33.6 [32.9–35.1]": median [25th–75th percentile].</summary>
    public string Describe() => $"{Format(Median)} [{Format(P25)}–{Format(P75)}]";

    public static string Format(double ms) =>
        ms.ToString(ms >= 100 ? "F0" : ms >= 10 ? "F1" : "F2", System.Globalization.CultureInfo.InvariantCulture);
}
