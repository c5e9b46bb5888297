namespace Repro.Attacks;

/// <summary>
/// lambda*, the share of each P-RGF direction's energy put on the transfer prior, that minimises the
/// expected gradient-estimate error given the prior's cosine alpha with the true gradient (Cheng et al.
/// 2019, Eq. 12, no data prior), as the reference computes it since PR #17 (PAPER-NOTES §3.5).
/// </summary>
public static class OptimalLambda
{
    /// <summary>lambda* for cosine <paramref name="alpha"/>, input dimension D and q directions per estimate.</summary>
    public static double Compute(double alpha, long dimension, int samplesPerDraw)
    {
        if (double.IsNaN(alpha)) throw new ArgumentException("alpha is NaN: the prior-alignment estimate failed");
        if (dimension < 2 || samplesPerDraw < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), $"need D >= 2 and q >= 1, got D = {dimension}, q = {samplesPerDraw}");
        double a2 = alpha * alpha, d = dimension, q = samplesPerDraw;
        double b = d + 2 * q - 2;
        if (a2 <= LowerThreshold(dimension, samplesPerDraw)) return 0;
        if (a2 >= UpperThreshold(dimension, samplesPerDraw)) return 1;
        // Interior of Eq. (12); it equals 0 and 1 at the two thresholds (continuous; PAPER-NOTES §3.5).
        return (1 - a2) * (a2 * b - 1) / (2 * a2 * d * q - a2 * a2 * d * b - 1);
    }

    /// <summary>alpha^2 at or below which the prior is ignored: 1 / (D + 2q - 2).</summary>
    public static double LowerThreshold(long dimension, int samplesPerDraw) => 1.0 / (dimension + 2.0 * samplesPerDraw - 2);

    /// <summary>alpha^2 at or above which the step follows the prior alone: (2q - 1) / (D + 2q - 2).</summary>
    public static double UpperThreshold(long dimension, int samplesPerDraw) =>
        (2.0 * samplesPerDraw - 1) / (dimension + 2.0 * samplesPerDraw - 2);
}
