using Repro.Models.Foreign;
using Repro.Unit.Models.Foreign;

namespace Repro.Unit.Cli;

/// <summary>`repro audit` and `repro harden` on a sibling shipped as a Repro architecture's weights: audited, hardened, written back as safetensors, and that file audited again.</summary>
public class ReproWeightsAuditCommandTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    static readonly string[] Small = ["--samples", "10", "--query-samples", "2", "--similarity-samples", "10", "--budget", "30"];

    static string Device(CliSandbox sandbox, string format = "safetensors")
    {
        using var network = ReproWeightsFiles.Network();
        return ReproWeightsFiles.Write(network, Path.Combine(sandbox.Root, "device" + ReproWeightsFiles.Extension(format)), format);
    }

    [Test]
    public void Audit_OfSafetensorsWeights_WritesThePage()
    {
        using var sandbox = new CliSandbox();
        var outcome = sandbox.Run(["audit", "--server", Fixture("mini-server.pt"), "--on-device", Device(sandbox), "--out", sandbox.Reports, .. Small]);

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        outcome.Out.Should().Contain("With device as a prior, an attacker fools mini-server on");
        File.Exists(Path.Combine(sandbox.Reports, "audit.html")).Should().BeTrue();
    }

    [Test]
    public void Harden_OfSafetensorsWeights_WritesSafetensorsThatAuditReadsBack()
    {
        using var sandbox = new CliSandbox();
        var harden = sandbox.Run(["harden", "--server", Fixture("mini-server.pt"), "--on-device", Device(sandbox), "--out", sandbox.Reports,
            "--penalty", "cos2", "--lambda", "0.5", "--epochs", "1", "--train-images", "64", .. Small]);

        harden.ExitCode.Should().Be(0, harden.ToString());
        var written = Path.Combine(sandbox.Reports, "device-hardened-cos2-0.5.safetensors");
        ModelFileKinds.Of(written).Should().Be(ModelFileKind.Safetensors);
        var metadata = ModelMetadata.Read(ModelMetadata.PathBeside(written), written);
        metadata.Architecture.Should().Be(ReproWeightsFiles.Architecture.Describe());
        metadata.Hardening.Should().Contain("cos2 penalty, λ = 0.5");

        var audit = sandbox.Run(["audit", "--server", Fixture("mini-server.pt"), "--on-device", written, "--out", Path.Combine(sandbox.Root, "after"), .. Small]);

        audit.ExitCode.Should().Be(0, audit.ToString());
        audit.Out.Should().Contain("an attacker fools mini-server on");
    }

    [Test]
    public void Audit_OfWeightsOfTheWrongShape_FailsWithExitCode2BeforeAnyAttack()
    {
        using var sandbox = new CliSandbox();
        var device = Device(sandbox);
        File.WriteAllText(ModelMetadata.PathBeside(device), ReproWeightsFiles.Metadata(classes: 5));

        var outcome = sandbox.Run(["audit", "--server", Fixture("mini-server.pt"), "--on-device", device, "--out", sandbox.Reports, .. Small]);

        outcome.ExitCode.Should().Be(2, outcome.ToString());
        outcome.Error.Should().Contain("device.safetensors' does not hold the weights of").And.Contain("with another shape").And.NotContain("   at ");
        Directory.Exists(sandbox.Reports).Should().BeFalse();
    }
}
