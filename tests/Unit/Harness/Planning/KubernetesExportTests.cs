using Repro.Harness.Planning;

namespace Repro.Unit.Harness.Planning;

public class KubernetesExportTests
{
    [Test]
    public void Files_TwoLevels_AnIndexedJobPerLevelAndASubmitScriptThatAppliesThemInOrder()
    {
        var files = new KubernetesExport().Files(PlanFixtures.Plan(3, 2), new ExportSettings { MaxParallel = 2 }).ToDictionary(f => f.Path, f => f.Text);

        files.Keys.Should().Equal("k8s/repro-paper-level-01.yaml", "k8s/repro-paper-level-02.yaml", "k8s/repro-paper-level-03.yaml", "k8s/submit.sh");
        var first = files["k8s/repro-paper-level-01.yaml"];
        first.Should().Contain("completionMode: Indexed").And.Contain("completions: 3").And.Contain("parallelism: 2")
            .And.Contain("set -- 1 2 3; shift \"$JOB_COMPLETION_INDEX\"").And.Contain("nvidia.com/gpu: 1").And.Contain("image: repro-cuda:0123456789ab");
        var submit = files["k8s/submit.sh"];
        submit.IndexOf("run repro-paper-level-01", StringComparison.Ordinal).Should().BeLessThan(submit.IndexOf("run repro-paper-level-02", StringComparison.Ordinal));
        ExportScripts.BashSyntaxErrors(submit).Should().BeEmpty();
    }
}
