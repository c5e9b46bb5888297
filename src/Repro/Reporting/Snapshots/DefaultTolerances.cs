using Repro.Metrics;

namespace Repro.Reporting.Snapshots;

/// <summary>
/// The per-metric band a new verified snapshot gets where the profile has no measured seed spread for a cell (cells
/// with one get their own band, <see cref="SnapshotBand"/>); a reviewer may edit them in the file (STYLE.md P8).
/// </summary>
public static class DefaultTolerances
{
    static readonly Tolerance Ratio = Tolerance.Absolute(0.05);
    static readonly Tolerance Points = Tolerance.Absolute(5);

    public static Tolerance For(string metric) => Metric.Find(metric) is { } m ? For(m) : Ratio;

    // Query counts are per-sample sums of a random search, hence relative.
    public static Tolerance For(Metric metric) =>
        metric == Metric.Accuracy || metric == Metric.ServerAccuracy ? Tolerance.Absolute(2)
        : metric == Metric.Queries || metric == Metric.QueriesSuccess || metric == Metric.ImagesSent ? Tolerance.Relative(0.25)
        : metric == Metric.FoolingRate || metric.Key.StartsWith("acc_drop_", StringComparison.Ordinal) ? Points
        : metric == Metric.PearsonR ? Tolerance.Absolute(0.1)
        : metric.Format == MetricFormat.Check || metric == Metric.Pairs ? Tolerance.Absolute(0)
        : Ratio;
}
