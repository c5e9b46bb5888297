using System.Globalization;
using System.Text;

namespace Repro.Harness.Planning;

/// <summary>
/// Slurm: one job array per level of the plan, each submitted with <c>--dependency=afterok</c> on the previous level's array (a
/// level starts once every task before it succeeded; a failure cancels what depends on it), and the assembling job last. A
/// level larger than Slurm's default MaxArraySize goes in several arrays, all of which the next level waits for.
/// <c>slurm/submit.sh</c> submits them all; <c>slurm/job.sbatch</c> maps <c>SLURM_ARRAY_TASK_ID</c> to a plan job.
/// </summary>
public sealed class SlurmExport : IPlanExport
{
    /// <summary>Tasks per array: Slurm's default MaxArraySize is 1001 (indices 0 to 1000); a larger level is split into several arrays.</summary>
    public const int ArrayLimit = 1000;

    public string Format => "slurm";

    public string Description => "sbatch job arrays, one per level, chained with --dependency=afterok";

    public IReadOnlyList<(string Path, string Text)> Files(JobPlan plan, ExportSettings settings) => new[]
    {
        ("slurm/submit.sh", Submit(plan, settings)),
        ("slurm/job.sbatch", Job(settings)),
    };

    static string Submit(JobPlan plan, ExportSettings settings)
    {
        var text = new StringBuilder($$"""
            #!/usr/bin/env bash
            # Submits plan.json (profile '{{plan.Profile}}', commit {{plan.Commit}}): {{plan.Jobs.Count}} jobs in {{plan.Levels}} levels, one
            # Slurm job array per level, each after the previous level succeeded (afterok; a failed task cancels the later levels).
            # Build repro once at that commit on the shared filesystem (dotnet build src/Repro -c Release -p:TorchBackend=cuda) and
            # run this from the checkout.
            {{PlanExports.SharedFilesystemComment().TrimEnd()}}
            set -euo pipefail
            here="$(cd "$(dirname "$0")" && pwd)"
            export REPRO_PLAN="${REPRO_PLAN:-$here/../plan.json}"
            export REPRO_SHARED="${REPRO_SHARED:-{{settings.Shared}}}"
            export REPRO_CACHE="${REPRO_CACHE:-$REPRO_SHARED/cache}"
            export REPRO_REPORTS="${REPRO_REPORTS:-$REPRO_SHARED/reports}"
            export REPRO="${REPRO:-{{settings.Repro}}}"
            max_parallel="${MAX_PARALLEL:-{{settings.MaxParallel}}}"
            previous=""   # the arrays of the level before, colon separated: what this level waits for
            current=""    # the arrays of this level so far

            # submit LEVEL TIME JOB...: one array whose task i runs the i-th JOB, after every array of the level before succeeded
            submit() {
              local level="$1" time="$2"; shift 2
              local dependency=()
              if [ -n "$previous" ]; then dependency=(--dependency="afterok:$previous" --kill-on-invalid-dep=yes); fi
              local id
              id="$(sbatch --parsable --job-name="repro-{{plan.Profile}}-level-$level" --array="0-$(($# - 1))%$max_parallel" \
                --time="$time" ${dependency[@]+"${dependency[@]}"} "$here/job.sbatch" "$@" | cut -d';' -f1)"
              current="${current:+$current:}$id"
              echo "level $level: $# job(s) as array $id"
            }
            # end_level: the next level waits for the arrays of this one
            end_level() { previous="$current"; current=""; }


            """);
        foreach (var level in plan.ByLevel())
        {
            var limit = PlanExports.Limit(level);
            text.Append(CultureInfo.InvariantCulture, $"# level {level[0].Level}: {Describe(level)}\n");
            foreach (var part in level.Chunk(ArrayLimit))
                text.Append(CultureInfo.InvariantCulture, $"submit {level[0].Level} {(int)limit.TotalDays}-{limit.Hours:00}:00:00 {string.Join(" ", part.Select(j => j.Id))}\n");
            text.Append("end_level\n");
        }
        text.Append("echo \"the last array assembles the results and the report into $REPRO_REPORTS\"\n");
        return text.ToString();
    }

    static string Job(ExportSettings settings) => """
        #!/usr/bin/env bash
        # One task of a level's array: builds one artifact of plan.json into the shared cache (or, last, assembles the report).
        # Its ledger goes to $REPRO_REPORTS/jobs/<job>/ledger.db; the assembling job merges them all.
        #SBATCH --gres=gpu:1
        #SBATCH --cpus-per-task=8
        #SBATCH --mem=64G
        #SBATCH --output=repro-%x-%A_%a.out
        set -euo pipefail
        jobs=("$@")
        job="${jobs[$SLURM_ARRAY_TASK_ID]}"
        echo "plan job $job on $(hostname), array $SLURM_ARRAY_JOB_ID task $SLURM_ARRAY_TASK_ID"
        exec $REPRO plan run --plan "$REPRO_PLAN" --job "$job" --reports "$REPRO_REPORTS"

        """;

    /// <summary>"12 models, 40 evaluations, longest 3.10 h".</summary>
    public static string Describe(IReadOnlyList<PlanJob> level)
    {
        int models = level.Count(j => j.Kind == PlanJob.ModelKind), evaluations = level.Count(j => j.Kind == PlanJob.EvaluationKind);
        string what = level.Any(j => j.Assembles) ? "assemble the results and the report" : $"{models} model(s), {evaluations} evaluation(s)";
        double? longest = level.Any(j => j.Hours is null) ? null : level.Max(j => j.Hours);
        return longest is double h ? string.Create(CultureInfo.InvariantCulture, $"{what}, longest {h:F2} h estimated") : what;
    }
}
