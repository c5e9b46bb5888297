using Repro.Metrics;
using Repro.Reporting;
using Repro.Harness.Artifacts;
using Repro.Claims;

namespace Repro.Harness;

/// <summary>
/// Collects per-seed values cell by cell and assembles an <see cref="ExperimentResult"/> with
/// mean ± std over seeds and the run's provenance; experiments only say what they measured.
/// </summary>
public sealed class ResultBuilder
{
    readonly IExperiment experiment;
    readonly RunContext context;
    readonly IReadOnlyList<MetricColumn> columns;
    readonly DateTimeOffset started = DateTimeOffset.UtcNow;
    readonly List<RowEntry> rows = new();
    readonly List<FigureSeries> figures = new();
    readonly HashSet<string> artifactKeys = new();

    sealed class RowEntry(string id, string group, string label)
    {
        public string Id { get; } = id;
        public string Group { get; } = group;
        public string Label { get; } = label;
        public Dictionary<string, List<double>> Values { get; } = new();
        public Dictionary<string, string> Details { get; } = new();
        public string? NotMeasured { get; set; }
    }

    public ResultBuilder(IExperiment experiment, RunContext context, IReadOnlyList<MetricColumn> columns)
    {
        this.experiment = experiment;
        this.context = context;
        this.columns = columns;
    }

    /// <summary>Declares a row (in the paper's order) before any value is added to it.</summary>
    public void Row(string id, string group, string label)
    {
        if (rows.Any(r => r.Id == id)) throw new InvalidOperationException($"{experiment.Name}: row '{id}' declared twice");
        rows.Add(new RowEntry(id, group, label));
    }

    public void Add(string rowId, Metric metric, double value)
    {
        if (!double.IsFinite(value))
            throw new ArithmeticException($"{experiment.Name}, row '{rowId}', metric '{metric.Key}': measured {value}; a metric must be a finite number");
        var row = Find(rowId);
        if (!row.Values.TryGetValue(metric.Key, out var list)) row.Values[metric.Key] = list = new List<double>();
        list.Add(value);
    }

    public void Detail(string rowId, string name, string value) => Find(rowId).Details[name] = value;

    public void NotMeasured(string rowId, string reason) => Find(rowId).NotMeasured = reason;

    public void Figure(FigureSeries series) => figures.Add(series);

    public void Uses(params ModelHandle?[] models)
    {
        foreach (var model in models)
            if (model is not null) artifactKeys.Add(model.Key.ToString());
    }

    public void Uses(ArtifactKey key) => artifactKeys.Add(key.ToString());

    public ExperimentResult Build()
    {
        var env = context.Environment;
        var provenance = new Provenance(env.Commit, env.Dirty, env.DeviceName, env.TorchSharpVersion, env.LibTorchVersion,
            env.Machine, env.OperatingSystem, started, DateTimeOffset.UtcNow, context.Profile.Seeds, artifactKeys.OrderBy(k => k).ToList(), env.Numerics);
        var built = rows.Select(r => new ResultRow(
            r.Id, r.Group, r.Label,
            r.Values.ToDictionary(kv => kv.Key, kv => MetricValue.FromSeeds(kv.Value, $"{experiment.Name}/{r.Id}/{kv.Key}")),
            r.Values.Count == 0 ? r.NotMeasured ?? "no measurement was recorded" : r.NotMeasured,
            r.Details.Count > 0 ? r.Details : null)).ToList();
        return new ExperimentResult(experiment.Name, experiment.PaperReference, experiment.Title, context.Profile.Name, columns, built, figures,
            context.Profile.Settings(), context.Profile.Deviations, provenance)
        {
            ProfileSummary = context.Profile.Summary,
            Choices = context.Profile.Choices,
        };
    }

    RowEntry Find(string id) =>
        rows.FirstOrDefault(r => r.Id == id) ?? throw new InvalidOperationException($"{experiment.Name}: row '{id}' was not declared");
}
