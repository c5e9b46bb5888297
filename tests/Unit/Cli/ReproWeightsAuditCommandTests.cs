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

    /// <summary>audit.json's measurements: everything but the names, identities and timing.</summary>
    static string Measurements(string folder)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "audit.json")))!.AsObject();
        foreach (var field in new[] { "Server", "ServerIdentity", "Device", "DeviceIdentity", "Headline", "Seconds", "CreatedUtc" }) json.Remove(field);
        foreach (var query in json["Queries"]!.AsArray()) query!.AsObject().Remove("Prior");
        return json.ToJsonString();
    }

    [Test]
    public void Audit_OfTheMiniPairAsSafetensors_MeasuresWhatTheTorchScriptPairMeasures()
    {
        using var sandbox = new CliSandbox();
        string safetensors = Path.Combine(sandbox.Root, "safetensors"), torchScript = Path.Combine(sandbox.Root, "torchscript");

        var a = sandbox.Run(["audit", "--server", Fixture("repro/mini-server.safetensors"), "--on-device", Fixture("repro/mini-server-int8.safetensors"), "--out", safetensors, .. Small]);
        var b = sandbox.Run(["audit", "--server", Fixture("mini-server.pt"), "--on-device", Fixture("mini-server-int8.pt"), "--out", torchScript, .. Small]);

        a.ExitCode.Should().Be(0, a.ToString());
        b.ExitCode.Should().Be(0, b.ToString());
        a.Out.Should().Contain("With mini-server-int8 as a prior, an attacker fools mini-server on");
        Measurements(safetensors).Should().Contain("\"Accuracy").And.Be(Measurements(torchScript));
    }

    [Test]
    public void Export_OfACacheArtifact_WritesSafetensorsThatAuditReads()
    {
        using var sandbox = new CliSandbox();
        using var network = ReproWeightsFiles.Network();
        var folder = Path.Combine(sandbox.Root, "model-0123456789abcdef");
        Directory.CreateDirectory(folder);
        network.save(Path.Combine(folder, "model.bin"));
        File.WriteAllText(Path.Combine(folder, "manifest.json"),
            $"{{\"Key\": \"model-0123456789abcdef\", \"Kind\": \"model\", \"Recipe\": \"architecture={network.Architecture.Describe()}\\ndata=cifar10-slice:0\\nprocedure=train\\nparents=\\nseed=0\", " +
            "\"StartedUtc\": \"2026-11-29T22:05:08+00:00\", \"FinishedUtc\": \"2026-11-29T22:09:02+00:00\", \"Summary\": {}}");
        var target = Path.Combine(sandbox.Root, "out", "device.safetensors");

        var export = sandbox.Run(["export", "--model", folder, "--out", target, "--names", "pytorch"]);

        export.ExitCode.Should().Be(0, export.ToString());
        export.Out.Should().Contain("read back, its logits on 64 random images differ from the source's by at most");
        ModelFileKinds.Of(target).Should().Be(ModelFileKind.Safetensors);
        var names = Repro.Models.SafetensorsFile.Read(target);
        names.Keys.Should().Contain("conv1.weight", "PyTorch reference names were asked for");
        foreach (var t in names.Values) t.Dispose();
        var audit = sandbox.Run(["audit", "--server", Fixture("mini-server.pt"), "--on-device", target, "--out", sandbox.Reports, .. Small]);
        audit.ExitCode.Should().Be(0, audit.ToString());
    }

    [Test]
    public void Export_OverAnotherModelsMetadata_IsRefusedAndChangesNothing()
    {
        using var sandbox = new CliSandbox();
        var other = Path.Combine(sandbox.Root, "server.pt");
        File.Copy(Fixture("tiny.pt"), other);
        File.Copy(Fixture("tiny.json"), Path.Combine(sandbox.Root, "server.json"));

        var export = sandbox.Run(["export", "--model", Fixture("repro/mini-server.safetensors"), "--out", Path.Combine(sandbox.Root, "server.safetensors")]);

        export.ExitCode.Should().Be(2, export.ToString());
        export.Error.Should().Contain("is already the metadata of").And.Contain("server.pt");
        File.ReadAllText(Path.Combine(sandbox.Root, "server.json")).Should().Be(File.ReadAllText(Fixture("tiny.json")));
        File.Exists(Path.Combine(sandbox.Root, "server.safetensors")).Should().BeFalse();
    }
}
