using System.Text.Json;

namespace Repro.Reporting.Snapshots;

/// <summary>
/// The measured spread of a profile (<c>baselines/&lt;profile&gt;/seed-spread.json</c>): every experiment run at
/// several seeds once, each cell's per-seed values, mean and standard deviation, with the command, commit,
/// numerics and duration of the measurement. A one-seed result of the profile takes each cell's standard
/// deviation as its uncertainty (what one more seed could give), and snapshot bands are drawn from it
/// (<see cref="SnapshotBand"/>). Written by <c>repro spread</c>.
/// </summary>
public sealed record SeedSpread(
    string Profile,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<SpreadRun> Runs,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, SpreadCell>>> Experiments)
{
    public const string FileName = "seed-spread.json";

    /// <summary>A cell's spread, or null when it was not measured.</summary>
    public SpreadCell? Cell(string experiment, string row, string metric) =>
        Experiments.TryGetValue(experiment, out var rows) && rows.TryGetValue(row, out var metrics) && metrics.TryGetValue(metric, out var cell) ? cell : null;

    /// <summary>One line for reports: where the uncertainties come from.</summary>
    public string Describe() =>
        $"σ over {Seeds.Count} seeds ({string.Join(", ", Seeds)}), baselines/{Profile}/{FileName}, measured by " +
        string.Join("; ", Runs.Select(r => r.Describe()));

    /// <summary>
    /// <paramref name="result"/> with each one-seed value's uncertainty set to its cell's spread; values measured over
    /// several seeds keep their own (std/√n), and cells the spread lacks stay without one.
    /// </summary>
    public ExperimentResult Attach(ExperimentResult result)
    {
        int attached = 0;
        var rows = result.Rows.Select(row => row with
        {
            Metrics = row.Metrics.ToDictionary(kv => kv.Key, kv =>
            {
                if (kv.Value.N != 1 || Cell(result.Experiment, row.Id, kv.Key) is not { } cell) return kv.Value;
                attached++;
                return kv.Value with { Uncertainty = cell.Std, UncertaintySeeds = cell.N };
            }),
        }).ToList();
        return attached == 0 ? result : result with
        {
            Rows = rows,
            UncertaintyNote = $"± beside a one-seed value is the standard deviation of one seed's value: {Describe()}. " +
                "Verdicts hold or fail at two such uncertainties, and are inconclusive at this scale in between.",
        };
    }

    /// <summary>
    /// This spread with <paramref name="run"/>'s multi-seed results added: their experiments replace any measured before
    /// (a spread file holds one measurement per experiment, and lists every run that contributed).
    /// </summary>
    public SeedSpread With(SpreadRun run, IEnumerable<ExperimentResult> results)
    {
        var experiments = Experiments.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var r in results)
        {
            if (r.Provenance.Seeds.Count != Seeds.Count || !r.Provenance.Seeds.SequenceEqual(Seeds))
                throw new ArgumentException($"{r.Experiment} was measured over seeds [{string.Join(", ", r.Provenance.Seeds)}]; this spread is over [{string.Join(", ", Seeds)}]");
            experiments[r.Experiment] = r.Rows.Where(row => row.Metrics.Count > 0)
                .ToDictionary(row => row.Id, row => (IReadOnlyDictionary<string, SpreadCell>)row.Metrics.ToDictionary(
                    m => m.Key, m => new SpreadCell(m.Value.Mean, m.Value.Std, m.Value.N, m.Value.PerSeed)));
        }
        var runs = Runs.Where(old => old.Experiments.Except(run.Experiments).Any()).Append(run).ToList();
        return this with { Runs = runs, Experiments = experiments };
    }

    public static SeedSpread Empty(string profile, IReadOnlyList<int> seeds) =>
        new(profile, seeds, Array.Empty<SpreadRun>(), new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, SpreadCell>>>());

    public string ToJson() => JsonSerializer.Serialize(this, ResultsFile.Options) + "\n";

    /// <summary>The spread in <paramref name="baselinesRoot"/>/&lt;profile&gt;, or null when the profile has none.</summary>
    public static SeedSpread? For(string baselinesRoot, string profile)
    {
        var path = Path.Combine(baselinesRoot, profile, FileName);
        return File.Exists(path) ? Load(path) : null;
    }

    public static SeedSpread Load(string path)
    {
        SeedSpread? spread;
        try
        {
            spread = JsonSerializer.Deserialize<SeedSpread>(File.ReadAllText(path), ResultsFile.Options);
        }
        catch (JsonException e)
        {
            throw new BaselineFormatException(path, (int)(e.LineNumber ?? -1) + 1, e.Path ?? "", $"not a seed spread ({e.Message}); expected what `repro spread` writes");
        }
        if (spread?.Experiments is null || spread.Seeds is null || spread.Runs is null)
            throw new BaselineFormatException(path, 0, "", "expected a seed spread object with seeds, runs and experiments");
        foreach (var (experiment, rows) in spread.Experiments)
            foreach (var (row, metrics) in rows)
                foreach (var (metric, cell) in metrics)
                    if (!double.IsFinite(cell.Mean) || !double.IsFinite(cell.Std) || cell.Std < 0 || cell.N < 1)
                        throw new BaselineFormatException(path, 0, $"experiments.{experiment}.{row}.{metric}", "expected a finite mean, a finite std >= 0 and n >= 1");
        return spread;
    }
}

/// <summary>One measurement that contributed to a spread: the command, code version, machine numerics, time and the experiments it ran.</summary>
public sealed record SpreadRun(string Command, string Commit, bool Dirty, DateTimeOffset StartedUtc, double DurationSeconds, string Numerics, IReadOnlyList<string> Experiments)
{
    public string Describe() =>
        $"`{Command}` at commit {Commit[..Math.Min(12, Commit.Length)]}{(Dirty ? " (dirty)" : "")} on {StartedUtc:yyyy-MM-dd} " +
        $"({DurationSeconds / 60:F0} min; {Numerics}; {Experiments.Count} experiment{(Experiments.Count == 1 ? "" : "s")})";
}

/// <summary>One cell of a seed spread: mean, sample standard deviation (n − 1), n and the per-seed values.</summary>
public sealed record SpreadCell(double Mean, double Std, int N, IReadOnlyList<double> PerSeed);
