using System.Globalization;
using System.Text;

namespace Repro.Harness.Planning;

/// <summary>
/// GitHub Actions on self-hosted GPU runners: one workflow job per level (split in parts of at most 256, the matrix limit),
/// whose matrix is the level's plan jobs, each level <c>needs:</c> the one before; the assembling job last uploads the report.
/// The runners share a filesystem for the cache, the reports and plan.json.
/// </summary>
public sealed class ActionsExport : IPlanExport
{
    /// <summary>GitHub's limit on the jobs one matrix generates.</summary>
    public const int MatrixLimit = 256;

    public string Format => "actions";

    public string Description => "a GitHub Actions workflow: a matrix per level on self-hosted GPU runners, chained with needs:";

    public IReadOnlyList<(string Path, string Text)> Files(JobPlan plan, ExportSettings settings) => new[]
    {
        ($"actions/repro-plan-{plan.Profile}.yml", Workflow(plan, settings)),
    };

    static string Workflow(JobPlan plan, ExportSettings settings)
    {
        var text = new StringBuilder($$"""
            # plan.json (profile '{{plan.Profile}}', commit {{plan.Commit}}): {{plan.Jobs.Count}} jobs in {{plan.Levels}} levels.
            # Copy to .github/workflows/ and plan.json to {{settings.Shared}}/plan.json on the runners' shared filesystem. Each matrix
            # entry builds one artifact.
            {{PlanExports.SharedFilesystemComment().TrimEnd()}}
            name: repro plan {{plan.Profile}}
            on: workflow_dispatch
            env:
              REPRO_CACHE: {{settings.Shared}}/cache
              REPRO_REPORTS: {{settings.Shared}}/reports
              REPRO_PLAN: {{settings.Shared}}/plan.json
            jobs:

            """);
        string? previous = null;
        foreach (var level in plan.ByLevel())
        {
            var parts = level.Chunk(MatrixLimit).ToList();
            var names = new List<string>();
            for (int p = 0; p < parts.Count; p++)
            {
                string name = parts.Count == 1 ? $"level-{level[0].Level}" : $"level-{level[0].Level}-part-{p + 1}";
                names.Add(name);
                text.Append(CultureInfo.InvariantCulture, $$"""
                      {{name}}:
                        # {{SlurmExport.Describe(parts[p])}}
                        runs-on: [{{string.Join(", ", settings.RunnerLabels)}}]

                    """);
                if (previous is not null) text.Append(CultureInfo.InvariantCulture, $"    needs: [{previous}]\n");
                text.Append(CultureInfo.InvariantCulture, $$$"""
                        timeout-minutes: {{{(int)Math.Min(PlanExports.Limit(parts[p]).TotalMinutes, 7200)}}}
                        strategy:
                          fail-fast: false
                          max-parallel: {{{settings.MaxParallel}}}
                          matrix:
                            job: [{{{string.Join(", ", parts[p].Select(j => j.Id))}}}]
                        steps:
                          - uses: actions/checkout@v4
                          - run: dotnet build src/Repro -c Release -p:TorchBackend=cuda
                          - run: {{{settings.Repro}}} plan run --plan "$REPRO_PLAN" --job ${{ matrix.job }} --reports "$REPRO_REPORTS"

                    """);
                if (parts[p].Any(j => j.Assembles))
                    text.Append("""
                              - uses: actions/upload-artifact@v4
                                with:
                                  name: repro-report
                                  path: ${{ env.REPRO_REPORTS }}/index.html

                        """);
            }
            previous = string.Join(", ", names);
        }
        return text.ToString();
    }
}
