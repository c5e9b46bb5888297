namespace Repro.Unit.Cli;

/// <summary>`repro audit` and `repro harden` as a user runs them: the pages written, and bad input refused with exit code 2 and a message naming it.</summary>
public class AuditCommandTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    static readonly string[] Small = ["--samples", "10", "--query-samples", "2", "--similarity-samples", "10", "--budget", "30"];

    [Test]
    public void Audit_WritesThePageAndTheJson()
    {
        using var sandbox = new CliSandbox();
        var outcome = sandbox.Run(["audit", "--server", Fixture("mini-server.pt"), "--on-device", Fixture("mini-server-int8.pt"), "--out", sandbox.Reports, .. Small]);

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        outcome.Out.Should().Contain("With mini-server-int8 as a prior, an attacker fools mini-server on");
        File.ReadAllText(Path.Combine(sandbox.Reports, "audit.html")).Should().Contain("<svg");
        File.Exists(Path.Combine(sandbox.Reports, "audit.json")).Should().BeTrue();
    }

    [TestCase("audit")]
    [TestCase("harden")]
    public void OutThatIsAFile_FailsNamingItBeforeAnyWork(string command)
    {
        using var sandbox = new CliSandbox();
        var file = Path.Combine(sandbox.Root, "notes.txt");
        File.WriteAllText(file, "mine");

        var outcome = sandbox.Run([command, "--server", Fixture("mini-server.pt"), "--on-device", Fixture("mini-server-int8.pt"), "--out", Path.Combine(file, "sub"), .. Small]);

        outcome.ExitCode.Should().Be(2, outcome.ToString());
        outcome.Error.Should().Contain($"'{file}' is a file, so no folder can be made under it");
        File.ReadAllText(file).Should().Be("mine");
    }

    [Test]
    public void Harden_WritesTheHardenedTorchScriptAndTheBeforeAfterPage()
    {
        using var sandbox = new CliSandbox();
        var outcome = sandbox.Run(["harden", "--server", Fixture("mini-server.pt"), "--on-device", Fixture("mini-server-int8.pt"), "--out", sandbox.Reports,
            "--penalty", "cos2", "--sweep", "0.5,2", "--epochs", "1", "--train-images", "128", .. Small]);

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        File.Exists(Path.Combine(sandbox.Reports, "mini-server-int8-hardened-cos2-0.5.pt")).Should().BeTrue();
        File.ReadAllText(Path.Combine(sandbox.Reports, "mini-server-int8-hardened-cos2-2.json")).Should().Contain("\"hardening\"");
        File.ReadAllText(Path.Combine(sandbox.Reports, "harden.html")).Should().Contain("Trade-off over λ").And.Contain("negated");
    }

    [TestCase("--max-accuracy-cost", "-1", "*--max-accuracy-cost must be a finite number of points >= 0, got -1*")]
    [TestCase("--lr", "0", "*--lr must be a positive number, got 0*")]
    [TestCase("--warmup", "-2", "*--warmup must be a finite number of epochs >= 0, got -2*")]
    public void Harden_WithABadSetting_FailsNamingItBeforeAnyWork(string option, string value, string expected)
    {
        using var sandbox = new CliSandbox();
        var outcome = sandbox.Run(["harden", "--server", Fixture("mini-server.pt"), "--on-device", Fixture("mini-server-int8.pt"), "--out", sandbox.Reports, option, value, .. Small]);

        outcome.ExitCode.Should().Be(2, outcome.ToString());
        outcome.Error.Should().Match(expected).And.NotContain("   at ");
        Directory.Exists(sandbox.Reports).Should().BeFalse();
    }

    [TestCase("absent.pt", "*absent.pt' does not exist*")]
    [TestCase("corrupt", "*is not a TorchScript file*")]
    [TestCase("nan.pt", "*NaN or infinite outputs*")]
    [TestCase("two-classes", "*lists 2 classes*")]
    public void Audit_OfABadOnDeviceModel_FailsWithItsReasonAndWritesNothing(string which, string expected)
    {
        using var sandbox = new CliSandbox();
        string device = which switch
        {
            "corrupt" => Write(sandbox, "corrupt.pt", [7, 7, 7], Cifar),
            "two-classes" => Copy(sandbox, "tiny.pt", "{\"height\": 32, \"width\": 32, \"classes\": [\"cat\", \"dog\"]}"),
            "nan.pt" => Fixture("nan.pt"),
            _ => Path.Combine(sandbox.Root, which),
        };
        var outcome = sandbox.Run(["audit", "--server", Fixture("mini-server.pt"), "--on-device", device, "--out", sandbox.Reports, .. Small]);

        outcome.ExitCode.Should().Be(2, outcome.ToString());
        outcome.Error.Should().Match(expected).And.NotContain("   at ");
        File.Exists(Path.Combine(sandbox.Reports, "audit.html")).Should().BeFalse();
    }

    [Test]
    public void Audit_OfAPairWithDifferentInputs_IsRefused()
    {
        using var sandbox = new CliSandbox();
        var device = Copy(sandbox, "tiny.pt", Cifar.Replace("\"height\": 32, \"width\": 32", "\"height\": 32, \"width\": 32, \"resize\": 40"));
        var outcome = sandbox.Run(["audit", "--server", Fixture("mini-server.pt"), "--on-device", device, "--out", sandbox.Reports, .. Small]);

        outcome.ExitCode.Should().Be(2, outcome.ToString());
        outcome.Error.Should().Contain("an audit perturbs the same pixels for both");
    }

    [Test]
    public void Audit_WithAnImageFolderOfOtherClasses_NamesTheMismatch()
    {
        using var sandbox = new CliSandbox();
        var folder = Path.Combine(sandbox.Root, "images", "kangaroo");
        Directory.CreateDirectory(folder);
        File.Copy(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ForeignModels"), "*.json")[0], Path.Combine(folder, "not-an-image.json"));
        var outcome = sandbox.Run(["audit", "--server", Fixture("mini-server.pt"), "--on-device", Fixture("mini-server-int8.pt"), "--data", Path.Combine(sandbox.Root, "images"), "--out", sandbox.Reports, .. Small]);

        outcome.ExitCode.Should().Be(2, outcome.ToString());
        outcome.Error.Should().Contain("kangaroo");
    }

    const string Cifar = "{\"height\": 32, \"width\": 32, \"classes\": [\"airplane\", \"automobile\", \"bird\", \"cat\", \"deer\", \"dog\", \"frog\", \"horse\", \"ship\", \"truck\"]}";

    static string Write(CliSandbox sandbox, string name, byte[] bytes, string metadata)
    {
        var path = Path.Combine(sandbox.Root, name);
        File.WriteAllBytes(path, bytes);
        File.WriteAllText(Path.ChangeExtension(path, ".json"), metadata);
        return path;
    }

    static string Copy(CliSandbox sandbox, string fixture, string metadata) =>
        Write(sandbox, "model.pt", File.ReadAllBytes(Fixture(fixture)), metadata);
}
