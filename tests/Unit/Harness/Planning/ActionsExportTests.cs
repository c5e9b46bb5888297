using Repro.Harness.Planning;

namespace Repro.Unit.Harness.Planning;

public class ActionsExportTests
{
    [Test]
    public void Files_ALevelOverTheMatrixLimit_IsSplitInParts_AndTheNextLevelNeedsThemAll()
    {
        var plan = PlanFixtures.Plan(300, 2);

        var workflow = new ActionsExport().Files(plan, new ExportSettings()).Single().Text;

        workflow.Should().Contain("  level-1-part-1:\n").And.Contain("  level-1-part-2:\n").And.NotContain("  level-1:\n");
        workflow.Should().Contain("  level-2:\n").And.Contain("    needs: [level-1-part-1, level-1-part-2]\n").And.Contain("    needs: [level-2]\n");
        workflow.Should().Contain($"job: [{string.Join(", ", Enumerable.Range(257, 44))}]");
        workflow.Should().Contain("runs-on: [self-hosted, linux, gpu]").And.Contain("--job ${{ matrix.job }}").And.Contain("actions/upload-artifact");
        workflow.Split('\n').Should().OnlyContain(line => !line.Contains('\t'), "YAML takes no tabs");
    }
}
