namespace Repro.Unit.Cli;

/// <summary>`repro export` never destroys a file it did not create: no overwrite without --force, never over a &lt;stem&gt;.json that is not Repro's metadata, nothing left behind by a refusal.</summary>
public class ExportCommandTests
{
    static string Source => Path.Combine(AppContext.BaseDirectory, "ForeignModels", "repro", "mini-server-int8.safetensors");

    [Test]
    public void Export_ToAJsonName_IsRefusedAndTheUsersFileKept()
    {
        using var sandbox = new CliSandbox();
        var notes = Path.Combine(sandbox.Root, "notes.json");
        File.WriteAllText(notes, "{\"my\": \"notes\"}");

        var outcome = sandbox.Run(["export", "--model", Source, "--out", notes]);

        outcome.ExitCode.Should().Be(2, outcome.ToString());
        outcome.Error.Should().Contain("notes.json").And.Contain("its own metadata file");
        File.ReadAllText(notes).Should().Be("{\"my\": \"notes\"}");
        CliSandbox.Entries(sandbox.Root).Should().NotContain(e => e.StartsWith(".repro-export", StringComparison.Ordinal));
    }

    [Test]
    public void Export_OverAnExistingFile_NeedsForce()
    {
        using var sandbox = new CliSandbox();
        var target = Path.Combine(sandbox.Root, "x.safetensors");
        sandbox.Run(["export", "--model", Source, "--out", target]).ExitCode.Should().Be(0);
        var before = File.ReadAllBytes(target);
        File.WriteAllBytes(target, [1, 2, 3]);

        var refused = sandbox.Run(["export", "--model", Source, "--out", target]);
        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.Error.Should().Contain("x.safetensors' exists; pass --force");
        File.ReadAllBytes(target).Should().Equal(1, 2, 3);

        var forced = sandbox.Run(["export", "--model", Source, "--out", target, "--force"]);
        forced.ExitCode.Should().Be(0, forced.ToString());
        File.ReadAllBytes(target).Should().Equal(before);
    }

    [Test]
    public void Export_WithForce_NeverReplacesAJsonThatIsNotReproMetadata()
    {
        using var sandbox = new CliSandbox();
        var foreign = Path.Combine(sandbox.Root, "y.json");
        File.WriteAllText(foreign, "{\"my\": \"notes\"}");

        var outcome = sandbox.Run(["export", "--model", Source, "--out", Path.Combine(sandbox.Root, "y.safetensors"), "--force"]);

        outcome.ExitCode.Should().Be(2, outcome.ToString());
        outcome.Error.Should().Contain("y.json' exists and is not Repro's model metadata");
        File.ReadAllText(foreign).Should().Be("{\"my\": \"notes\"}");
        File.Exists(Path.Combine(sandbox.Root, "y.safetensors")).Should().BeFalse();
    }
}
