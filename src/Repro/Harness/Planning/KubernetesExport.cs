using System.Globalization;
using System.Text;

namespace Repro.Harness.Planning;

/// <summary>
/// Kubernetes: one Indexed Job per level (<c>completionMode: Indexed</c>; the pod of index i runs the level's i-th plan job, read
/// from <c>JOB_COMPLETION_INDEX</c>), one GPU each, a ReadWriteMany volume for the cache and reports, plan.json in a ConfigMap.
/// Kubernetes has no dependencies between Jobs, so <c>k8s/submit.sh</c> applies a level, waits for it to complete, and stops at
/// the first failed level.
/// </summary>
public sealed class KubernetesExport : IPlanExport
{
    public string Format => "k8s";

    public string Description => "Kubernetes Indexed Jobs, one per level, applied in order by k8s/submit.sh";

    public IReadOnlyList<(string Path, string Text)> Files(JobPlan plan, ExportSettings settings)
    {
        var levels = plan.ByLevel();
        var files = levels.Select(level => ($"k8s/{Name(plan, level[0].Level)}.yaml", Job(plan, level, settings))).ToList();
        files.Add(("k8s/submit.sh", Submit(plan, levels)));
        return files;
    }

    static string Name(JobPlan plan, int level) => $"repro-{plan.Profile}-level-{level:00}".ToLowerInvariant();

    static string Image(JobPlan plan, ExportSettings settings) =>
        settings.Image.Length > 0 ? settings.Image : $"repro-cuda:{plan.Commit[..Math.Min(12, plan.Commit.Length)]}";

    static string Job(JobPlan plan, IReadOnlyList<PlanJob> level, ExportSettings settings)
    {
        string ids = string.Join(" ", level.Select(j => j.Id));
        int limit = (int)PlanExports.Limit(level).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            # Level {{level[0].Level}} of plan.json (profile '{{plan.Profile}}', commit {{plan.Commit}}): {{SlurmExport.Describe(level)}}.
            # The image must hold repro built at that commit with -p:TorchBackend=cuda ({{settings.ImageRepro}}).
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {{Name(plan, level[0].Level)}}
              labels: { app: repro, profile: {{plan.Profile}} }
            spec:
              completionMode: Indexed
              completions: {{level.Count}}
              parallelism: {{Math.Min(level.Count, settings.MaxParallel)}}
              backoffLimitPerIndex: 1
              activeDeadlineSeconds: {{limit}}
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: repro
                      image: {{Image(plan, settings)}}
                      command: ["/bin/sh", "-c"]
                      # The pod of index i runs the i-th plan job of this level.
                      args:
                        - set -eu; set -- {{ids}}; shift "$JOB_COMPLETION_INDEX"; exec {{settings.ImageRepro}} plan run --plan /plan/plan.json --job "$1" --reports /shared/reports
                      env:
                        - { name: REPRO_CACHE, value: /shared/cache }
                      resources:
                        limits: { nvidia.com/gpu: 1 }
                      volumeMounts:
                        - { name: shared, mountPath: /shared }
                        - { name: plan, mountPath: /plan, readOnly: true }
                  volumes:
                    # ReadWriteMany; its filesystem must give flock across nodes and atomic rename (see the head of k8s/submit.sh).
                    - name: shared
                      persistentVolumeClaim: { claimName: repro-shared }
                    - name: plan
                      configMap: { name: repro-plan-{{plan.Profile.ToLowerInvariant()}} }

            """);
    }

    static string Submit(JobPlan plan, IReadOnlyList<IReadOnlyList<PlanJob>> levels)
    {
        var text = new StringBuilder($$"""
            #!/usr/bin/env bash
            # Runs plan.json (profile '{{plan.Profile}}', commit {{plan.Commit}}) on Kubernetes: {{plan.Jobs.Count}} jobs in {{plan.Levels}} levels,
            # one Indexed Job per level, each applied once the level before completed. Needs a ReadWriteMany claim 'repro-shared'.
            {{PlanExports.SharedFilesystemComment().TrimEnd()}}
            set -euo pipefail
            here="$(cd "$(dirname "$0")" && pwd)"
            kubectl create configmap repro-plan-{{plan.Profile.ToLowerInvariant()}} --from-file=plan.json="$here/../plan.json" --dry-run=client -o yaml | kubectl apply -f -

            # run NAME: apply the level's Job and wait until it completes; stop at a failed one
            run() {
              kubectl apply -f "$here/$1.yaml"
              while true; do
                if [ "$(kubectl get job "$1" -o jsonpath='{.status.conditions[?(@.type=="Complete")].status}')" = "True" ]; then echo "$1 complete"; return; fi
                if [ "$(kubectl get job "$1" -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')" = "True" ]; then
                  echo "$1 failed: kubectl describe job $1; later levels were not started" >&2; exit 1
                fi
                sleep 30
              done
            }


            """);
        foreach (var level in levels)
            text.Append(CultureInfo.InvariantCulture, $"run {Name(plan, level[0].Level)}   # {SlurmExport.Describe(level)}\n");
        return text.ToString();
    }
}
