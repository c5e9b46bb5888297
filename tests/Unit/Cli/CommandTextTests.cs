using Repro.Cli;

namespace Repro.Unit.Cli;

/// <summary>A recorded command line names no folder of the measuring machine: a path inside the repository is kept relative, any other is the option's placeholder.</summary>
public class CommandTextTests
{
    [Test]
    public void PathsOutsideTheRepository_BecomeTheOptionsPlaceholder()
    {
        var text = CommandText.Of(["spread", "--profile", "mini", "--cache", "/tmp/spread-cache", "--reports=/home/me/r", "--workers", "1"], "/work/repo");

        text.Should().Be("repro spread --profile mini --cache <cache> --reports=<reports> --workers 1");
    }

    [Test]
    public void PathsInsideTheRepository_StayRelativeToIt()
    {
        var text = CommandText.Of(["audit", "--server", "/work/repo/examples/audit/mini-server.pt", "--on-device", "/work/repo/examples/audit/mini-server-int8.pt", "--out", "/elsewhere/out"], "/work/repo");

        text.Should().Be("repro audit --server /work/repo/examples/audit/mini-server.pt --on-device examples/audit/mini-server-int8.pt --out <out>");
    }

    [Test]
    public void AServerUrl_IsKeptAsItIs()
    {
        CommandText.Of(["audit", "--on-device", "http://127.0.0.1:8000/v2/models/m"], null).Should().Be("repro audit --on-device http://127.0.0.1:8000/v2/models/m");
    }

    [Test]
    public void Report_OfARunWithTemporaryFolders_NamesNoneOfThem()
    {
        using var sandbox = new CliSandbox();
        var run = sandbox.Reproduce("-e", "Table05_StrategyApplicability");
        run.ExitCode.Should().Be(0, run.ToString());

        var page = File.ReadAllText(Path.Combine(sandbox.Reports, "index.html"));
        var results = File.ReadAllText(Path.Combine(sandbox.Reports, "results.json"));

        page.Should().NotContain(sandbox.Root).And.NotContain(Path.GetTempPath().TrimEnd('/') + "/cli-");
        results.Should().NotContain(sandbox.Root);
        page.Should().Contain("--cache &lt;cache&gt;");
    }
}
