using System.Globalization;
using System.Text;

namespace Repro.Harness.Planning;

/// <summary>
/// PLAN.md beside plan.json: the jobs per experiment and level with their estimated device hours, and the basis of every number
/// (which timing rows, measured where, derived how). An artifact several experiments share counts once, for the first of them
/// in the plan's order ("own"); "alone" is what the experiment would cost on an empty cache.
/// </summary>
public static class PlanSummary
{
    public static string Markdown(JobPlan plan, EpochTimes times, string? measuredOn)
    {
        var text = new StringBuilder();
        var builds = plan.Builds;
        text.Append(CultureInfo.InvariantCulture, $"# Plan: profile '{plan.Profile}', {builds.Count} artifacts in {plan.Levels - 1} levels, then 1 assembling job\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Made by commit {plan.Commit}{(plan.Dirty ? " (with uncommitted changes: keys may not match a clean build)" : "")}. ");
        text.Append("Each job runs `repro plan run --plan plan.json --job N` and builds exactly its artifact into the shared cache; ");
        text.Append(CultureInfo.InvariantCulture, $"job {plan.Assemble.Id} merges the jobs' ledgers and assembles the results and the report from the cache.\n\n");
        text.Append(plan.Device.Length == 0
            ? "No hours are estimated: the timing table has no rows. Measure them on the device that will run the plan with `repro plan time --profile P` and export again.\n\n"
            : plan.Device.StartsWith("cpu", StringComparison.Ordinal)
                ? string.Create(CultureInfo.InvariantCulture, $"**Hours below are CPU hours, measured on '{Cell(plan.Device)}', not GPU hours.** No GPU has been measured; GPU hours need `repro plan time` run on the target GPU (a CUDA build), then the plan exported again. Basis: {Cell(plan.EstimateBasis)}.\n\n")
                : string.Create(CultureInfo.InvariantCulture, $"Estimated hours are for **{Cell(plan.Device)}**, from times measured there. Basis: {Cell(plan.EstimateBasis)}.\n\n"));

        text.Append("## Per experiment\n\n");
        text.Append("| Experiment | model jobs | evaluation jobs | training hours (own) | evaluation hours (own, upper bound) | total hours (own) | total hours if run alone |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var experiment in plan.Experiments)
        {
            var own = builds.Where(j => j.Experiments.Count > 0 && j.Experiments[0] == experiment).ToList();
            var alone = builds.Where(j => j.Experiments.Contains(experiment)).ToList();
            text.Append(CultureInfo.InvariantCulture,
                $"| {experiment} | {own.Count(j => j.Kind == PlanJob.ModelKind)} | {own.Count(j => j.Kind == PlanJob.EvaluationKind)} | " +
                $"{Hours(own.Where(j => j.Kind == PlanJob.ModelKind))} | {Hours(own.Where(j => j.Kind == PlanJob.EvaluationKind))} | {Hours(own)} | {Hours(alone)} |\n");
        }
        text.Append(CultureInfo.InvariantCulture,
            $"| **all** | {builds.Count(j => j.Kind == PlanJob.ModelKind)} | {builds.Count(j => j.Kind == PlanJob.EvaluationKind)} | " +
            $"{Hours(builds.Where(j => j.Kind == PlanJob.ModelKind))} | {Hours(builds.Where(j => j.Kind == PlanJob.EvaluationKind))} | {Hours(builds)} | |\n\n");
        text.Append("Evaluation hours are upper bounds: a P-RGF job is priced as if every sample spent the whole query budget (a good prior needs a few dozen queries).\n\n");

        text.Append("## Per level (what the exporters submit as one job array each)\n\n");
        text.Append("| Level | jobs | models | evaluations | longest job (hours) | sum (hours) |\n|---:|---:|---:|---:|---:|---:|\n");
        foreach (var level in plan.ByLevel())
            text.Append(CultureInfo.InvariantCulture,
                $"| {level[0].Level} | {level.Count} | {level.Count(j => j.Kind == PlanJob.ModelKind)} | {level.Count(j => j.Kind == PlanJob.EvaluationKind)} | " +
                $"{Number(level.Max(j => j.Hours))} | {Hours(level)} |\n");

        if (measuredOn is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## Timing rows used (measured on '{measuredOn}', baselines/timing/epoch-times.csv)\n\n");
            text.Append("| Network | pass | ms per image | batch | measured | source |\n|---|---|---:|---:|---|---|\n");
            foreach (var row in times.Rows.Where(r => r.Device == measuredOn))
                text.Append(CultureInfo.InvariantCulture,
                    $"| {Cell(row.Network)} | {EpochTimes.PassName(row.Pass)} | {row.SecondsPerImage * 1000:G4} | {row.Batch} | {row.MeasuredUtc} | {Cell(row.Source)} |\n");
        }
        return text.ToString();
    }

    /// <summary>The sum of the jobs' hours, "n/a" when one lacks an estimate.</summary>
    public static string Hours(IEnumerable<PlanJob> jobs)
    {
        var list = jobs.ToList();
        return list.Any(j => j.Hours is null) ? "n/a" : Number(list.Sum(j => j.Hours!.Value));
    }

    static string Number(double? hours) => hours is not double h ? "n/a" : h.ToString(h < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
