using System.Text.Json;
using System.Text.Json.Serialization;
using Repro.Harness.Artifacts;
using Repro.Storage;

namespace Repro.Harness.Planning;

/// <summary>
/// A profile's work as jobs for a scheduler (plan.json): one job per artifact its experiments need (models after the models they
/// derive from, evaluations after their models), each building exactly that artifact into a shared cache with
/// `repro plan run --plan plan.json --job N`, and a last job that assembles the results and the report from the cache. The
/// plan names the commit that made it: a job re-plans with its own build and refuses to build under a key the plan does not list.
/// </summary>
public sealed record JobPlan(int Format, string Profile, IReadOnlyList<string> Experiments, string Commit, bool Dirty, string Device, string EstimateBasis,
    IReadOnlyList<PlanJob> Jobs)
{
    public const int CurrentFormat = 1;

    [JsonIgnore] public PlanJob Assemble => Jobs[^1];

    [JsonIgnore] public IReadOnlyList<PlanJob> Builds => Jobs.Take(Jobs.Count - 1).ToList();

    [JsonIgnore] public int Levels => Assemble.Level;

    /// <summary>The jobs of each level, levels in order (what the exporters submit as one array each).</summary>
    public IReadOnlyList<IReadOnlyList<PlanJob>> ByLevel() =>
        Jobs.GroupBy(j => j.Level).OrderBy(g => g.Key).Select(g => (IReadOnlyList<PlanJob>)g.ToList()).ToList();

    /// <summary>Job <paramref name="id"/>; an id outside the plan is an error naming the plan's range.</summary>
    public PlanJob Job(int id, string source) => id >= 1 && id <= Jobs.Count ? Jobs[id - 1]
        : throw new ArgumentException($"--job {id}: '{source}' has jobs 1 to {Jobs.Count} (job {Jobs.Count} assembles the results)");

    /// <summary>
    /// The jobs of <paramref name="graph"/> in the order levels and the graph give (stable for the same commit and profile), then
    /// the assembling job, which needs them all.
    /// </summary>
    public static JobPlan From(ArtifactGraph graph, string profile, IReadOnlyList<string> experiments, string commit, bool dirty, PlanEstimate? estimate)
    {
        var levels = graph.Levels();
        var ordered = graph.Artifacts.Select((a, i) => (Artifact: a, Index: i)).OrderBy(x => levels[x.Artifact.Key]).ThenBy(x => x.Index).Select(x => x.Artifact).ToList();
        var ids = ordered.Select((a, i) => (a.Key, Id: i + 1)).ToDictionary(x => x.Key, x => x.Id);
        var jobs = ordered.Select(a =>
        {
            var (hours, _) = estimate?.Hours(a.Work) ?? (null, Array.Empty<string>());
            return new PlanJob(ids[a.Key], a.IsModel ? PlanJob.ModelKind : PlanJob.EvaluationKind, a.Key.ToString(), a.What, levels[a.Key],
                a.Needs.Select(n => ids[n]).Order().ToList(), a.Experiments, hours, a.Work.IsUpperBound);
        }).ToList();
        int last = jobs.Count + 1;
        jobs.Add(new PlanJob(last, PlanJob.AssembleKind, "", $"assemble the results and the report of {string.Join(", ", experiments)} from the cache",
            jobs.Select(j => j.Level).DefaultIfEmpty(0).Max() + 1, jobs.Select(j => j.Id).ToList(), experiments, 0, false));
        return new JobPlan(CurrentFormat, profile, experiments, commit, dirty, estimate?.Device ?? "", estimate?.Basis ?? "no estimate", jobs);
    }

    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>The plan at <paramref name="path"/>, checked: its format, ids 1..n in order, needs of earlier levels, one assembling job last.</summary>
    /// <exception cref="InvalidDataException">What is wrong, naming the file.</exception>
    public static JobPlan Load(string path)
    {
        if (Directory.Exists(path)) throw new ArgumentException($"--plan '{path}' is a folder; expected the plan.json that `repro plan export` wrote");
        if (!File.Exists(path)) throw new FileNotFoundException($"--plan '{path}' does not exist; write one with `repro plan export --out DIR` (DIR/plan.json)", path);
        JobPlan plan;
        try
        {
            plan = JsonSerializer.Deserialize<JobPlan>(File.ReadAllText(path), Json) ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"plan '{path}' does not read: {e.Message}", e);
        }
        if (plan.Format != CurrentFormat)
            throw new InvalidDataException($"plan '{path}' has format {plan.Format}; this build reads format {CurrentFormat}: export the plan again with this build");
        if (plan.Jobs is null || plan.Jobs.Count == 0 || plan.Experiments is null || plan.Profile is null)
            throw new InvalidDataException($"plan '{path}' lacks its profile, experiments or jobs");
        for (int i = 0; i < plan.Jobs.Count; i++)
        {
            var job = plan.Jobs[i];
            string where = $"plan '{path}', job {i + 1}";
            if (job.Id != i + 1) throw new InvalidDataException($"{where}: its id is {job.Id}; ids must run 1, 2, ... in order");
            if (job.Needs is null || job.Needs.Any(n => n < 1 || n > i || plan.Jobs[n - 1].Level >= job.Level))
                throw new InvalidDataException($"{where}: it needs jobs that do not come before it at a lower level ({string.Join(", ", job.Needs ?? Array.Empty<int>())})");
            bool last = i == plan.Jobs.Count - 1;
            if (job.Assembles != last) throw new InvalidDataException($"{where}: the assembling job must be the last one, and only it");
            if (!last && !IsKey(job.Key)) throw new InvalidDataException($"{where}: '{job.Key}' is not an artifact key (<kind>-<16 hex digits>)");
        }
        return plan;
    }

    static bool IsKey(string? text)
    {
        try { return text is not null && ArtifactKey.Parse(text) is not null; }
        catch (FormatException) { return false; }
    }

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
