namespace Repro.Reporting.Plots;

/// <summary>Least-squares line y = Slope·x + Intercept through points, and Pearson's r (null when x or y does not vary).</summary>
public sealed record LinearFit(double Slope, double Intercept, double? PearsonR, int N)
{
    /// <returns>null with fewer than two points or when all x are equal (no line can be fitted).</returns>
    public static LinearFit? Of(IReadOnlyList<(double X, double Y)> points)
    {
        int n = points.Count;
        if (n < 2) return null;
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        double sxx = 0, syy = 0, sxy = 0;
        foreach (var (x, y) in points)
        {
            sxx += (x - mx) * (x - mx);
            syy += (y - my) * (y - my);
            sxy += (x - mx) * (y - my);
        }
        if (sxx <= 0) return null;
        double slope = sxy / sxx;
        double? r = syy > 0 ? sxy / Math.Sqrt(sxx * syy) : null;
        return new LinearFit(slope, my - slope * mx, r, n);
    }
}
