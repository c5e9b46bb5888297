using Repro.Harness;
using Repro.Remote;

namespace Repro.Unit.Cli;

/// <summary>`repro audit --server URL` as a user runs it, against `repro serve`'s server on loopback (an ephemeral port).</summary>
public class RemoteAuditCommandTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    static readonly string[] Small = ["--samples", "10", "--query-samples", "2", "--similarity-samples", "10", "--budget", "10", "--retries", "2"];

    [Test]
    public async Task Audit_OfALabelOnlyServer_RunsRayS_AndARerunSendsNoQueryAgain()
    {
        using var sandbox = new CliSandbox();
        var served = ServedModelFile.Load(Fixture("mini-server.pt"));
        using var model = served.Model;
        await using var server = await InferenceServer.StartAsync(served, new ServeSettings { LabelOnly = true, EightBitInput = true });
        string url = $"{server.Address}v2/models/{served.Name}";
        string[] audit = ["audit", "--server", url, "--on-device", Fixture("mini-server-int8.pt"), "--out", sandbox.Reports, .. Small];

        var first = sandbox.Run(audit);
        long answered = server.Clients.TotalImagesAnswered;
        var second = sandbox.Run(audit);

        first.ExitCode.Should().Be(0, first.ToString());
        first.Out.Should().Contain($"an attacker fools mini-server at {server.Address} on").And.Contain("RayS").And.Contain("server traffic:");
        File.ReadAllText(Path.Combine(sandbox.Reports, "audit.html")).Should().Contain("the server is remote (no gradients)").And.Contain("label-only");
        File.Exists(Path.Combine(sandbox.Reports, "query-journal.sqlite")).Should().BeTrue();
        answered.Should().BeGreaterThan(1000, "the test set's labels, the transfer and the query attacks");
        second.ExitCode.Should().Be(0, second.ToString());
        second.Out.Should().Contain("resumed");
        server.Clients.TotalImagesAnswered.Should().Be(answered, "the rerun found every stage finished and sent nothing");
    }

    [TestCase("http://127.0.0.1:1/v2/models", "*names no model*http://HOST:PORT/v2/models/NAME*", 2)]
    [TestCase("http://127.0.0.1:{closed}/v2/models/m", "*127.0.0.1*failed after 3 attempts*Is the server running*", 8)]
    public void Audit_OfABadServerUrl_FailsWithItsReason(string url, string expected, int exitCode)
    {
        using var sandbox = new CliSandbox();
        url = url.Replace("{closed}", Repro.Unit.Fakes.LoopbackHttpServer.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var outcome = sandbox.Run(["audit", "--server", url, "--on-device", Fixture("mini-server-int8.pt"), "--out", sandbox.Reports, .. Small, "--timeout", "2"]);

        outcome.ExitCode.Should().Be(exitCode, outcome.ToString());
        outcome.Error.Should().Match(expected).And.NotContain("   at ");
        File.Exists(Path.Combine(sandbox.Reports, "audit.html")).Should().BeFalse();
    }

    [Test]
    public void Harden_OfARemoteServer_IsRefused()
    {
        using var sandbox = new CliSandbox();

        var outcome = sandbox.Run(["harden", "--server", "http://127.0.0.1:8000/v2/models/m", "--on-device", Fixture("mini-server-int8.pt"), "--out", sandbox.Reports]);

        outcome.ExitCode.Should().Be(2, outcome.ToString());
        outcome.Error.Should().Contain("a remote server does not give");
    }
}
