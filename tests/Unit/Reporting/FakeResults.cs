using Repro.Profiles;
using Repro.Metrics;
using Repro.Reporting;

namespace Repro.Unit.Reporting;

/// <summary>Hand-built <see cref="ExperimentResult"/>s for reporting tests: no torch, no training.</summary>
internal static class FakeResults
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static Provenance Provenance(IReadOnlyList<int>? seeds = null, string commit = "0123abcd", string device = "cpu") => new(
        commit, false, device, "0.107.0", "2.10.0", "test-box", "Debian 12", Start, Start.AddMinutes(3),
        seeds ?? new[] { 0 }, new[] { "artifact/server-resnet/3f2a", "artifact/quantized/88c1" });

    /// <summary>A metric over the given per-seed values.</summary>
    public static MetricValue V(params double[] perSeed) => MetricValue.FromSeeds(perSeed);

    public static ResultRow Row(string id, string label, params (string Metric, MetricValue Value)[] metrics) =>
        new(id, "", label, metrics.ToDictionary(m => m.Metric, m => m.Value));

    public static ExperimentResult Result(string experiment, string profile, IReadOnlyList<ResultRow> rows,
        IReadOnlyList<FigureSeries>? figures = null, Provenance? provenance = null)
    {
        var table = PaperTableCatalog.Find(experiment);
        return new ExperimentResult(
            experiment, table?.PaperReference ?? "Table ?", table?.Title ?? experiment, profile,
            table?.Columns ?? Array.Empty<MetricColumn>(), rows, figures ?? Array.Empty<FigureSeries>(),
            new[] { new KeyValuePair<string, string>("Transfer.Epsilon", "8/255"), new KeyValuePair<string, string>("Query.QueryBudget", "2000") },
            new[] { new Deviation("Training.Epochs", "200", "15", "CPU budget.") },
            provenance ?? Provenance());
    }

    /// <summary>A Table I result at the mini profile with a few rows, one seed each.</summary>
    public static ExperimentResult Table01(string profile = "mini", double quantizedRfr = 0.97) => Result("Table01_OnDevicePriors", profile, new[]
    {
        Row("cifar10/as-is", "Baseline (as-is)", ("accuracy", V(64.2)), ("rfr_fgsm", V(1.0)), ("rfr_pgd10", V(1.0)), ("queries", V(12.4)), ("fooling_rate", V(100))),
        Row("cifar10/quantization", "Quantization", ("accuracy", V(63.9)), ("rfr_fgsm", V(quantizedRfr)), ("rfr_pgd10", V(0.99)), ("queries", V(13.1)), ("fooling_rate", V(100))),
        Row("cifar10/a-new", "Baseline (a new)", ("accuracy", V(62.0)), ("rfr_fgsm", V(0.41)), ("rfr_pgd10", V(0.7)), ("queries", V(900.5)), ("fooling_rate", V(79))),
    });

    /// <summary>A five-seed row, as the paper profile produces.</summary>
    public static ExperimentResult FiveSeeds() => Result("Table01_OnDevicePriors", "paper", new[]
    {
        Row("cifar10/pruning", "Pruning", ("rfr_fgsm", V(0.9, 0.91, 0.89, 0.92, 0.88)), ("queries", V(14.0, 15.5, 16.1, 13.2, 15.9))),
    }, provenance: Provenance(new[] { 0, 1, 2, 3, 4 }));

    public static FigureSeries Series(string figure, string panel, string series, params (double X, double Y, string? Label)[] points) =>
        new(figure, panel, series, "x", "y", points.Select(p => new FigurePoint(p.X, V(p.Y), p.Label)).ToList());
}
