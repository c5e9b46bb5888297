namespace Repro.Metrics;

/// <summary>Pearson's r of paired values (Figure 2: how well input-gradient similarity predicts a vulnerability metric).</summary>
public static class PearsonCorrelation
{
    /// <returns>r in [-1, 1], or null with fewer than three pairs or when either side does not vary (no correlation is defined).</returns>
    public static double? Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"Pearson's r needs paired values, got {x.Count} x and {y.Count} y");
        if (x.Concat(y).Any(v => !double.IsFinite(v))) throw new ArgumentException("Pearson's r of non-finite values is undefined");
        int n = x.Count;
        if (n < 3) return null;
        double mx = x.Average(), my = y.Average();
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (sxx <= 0 || syy <= 0) return null;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }
}
