using Repro.Data;
using Repro.Failures;
using Repro.Unit.Data;

namespace Repro.Unit.Cli;

/// <summary>`repro data slice`: says what it reads, names its own options in errors, never overwrites without --force, says where it wrote.</summary>
public class DataCommandTests
{
    CliSandbox sandbox = null!;

    [SetUp] public void Create() => sandbox = new CliSandbox();
    [TearDown] public void Delete() => sandbox.Dispose();

    string Source()
    {
        var root = Path.Combine(sandbox.Root, "cifar10");
        for (int label = 0; label < 10; label++)
            foreach (var (split, name) in new[] { ("train", "0000.png"), ("test", "00000.png") })
            {
                var folder = Directory.CreateDirectory(Path.Combine(root, split, Cifar10.ClassNames[label])).FullName;
                File.WriteAllBytes(Path.Combine(folder, name), TestPng.Rgb(32, 32, (x, y, c) => (byte)(label * 20 + x + c)));
            }
        return root;
    }

    CliSandbox.Outcome Slice(params string[] more) => sandbox.Run(["data", "slice", "--train-per-class", "1", "--test-per-class", "1", .. more]);

    [Test]
    public void Slice_SourceIsATarGz_BadInputSayingImageFoldersAreRead()
    {
        var archive = Path.Combine(sandbox.Root, "cifar-10-binary.tar.gz");
        File.WriteAllBytes(archive, [0x1f, 0x8b]);

        var outcome = Slice("--source", archive, "--out", Path.Combine(sandbox.Root, "slice.zip"));

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain($"'{archive}' is a file; the slice is built from CIFAR-10 image folders");
        File.Exists(Path.Combine(sandbox.Root, "slice.zip")).Should().BeFalse();
    }

    [Test]
    public void Slice_WritesThenRefusesToOverwriteWithoutForceThenReplacesWithIt()
    {
        var source = Source();
        var zip = Path.Combine(sandbox.Root, "out", "slice.zip");

        var first = Slice("--source", source, "--out", zip);
        var bytes = File.ReadAllBytes(zip);
        var second = Slice("--source", source, "--out", zip, "--seed", "9");
        var forced = Slice("--source", source, "--out", zip, "--force");

        first.ExitCode.Should().Be(0, first.ToString());
        first.Out.Should().StartWith($"wrote {zip}: 20 images (1 training and 1 test per class), SHA-256 ");
        second.ExitCode.Should().Be((int)ExitCode.BadInput, second.ToString());
        second.Error.Should().Contain($"--out '{zip}' already exists; nothing was written. Pass --force to replace it");
        forced.ExitCode.Should().Be(0, forced.ToString());
        File.ReadAllBytes(zip).Should().Equal(bytes, "the same source and seed give the same bytes");
        CliSandbox.Entries(Path.GetDirectoryName(zip)!).Should().Equal("slice.zip");
    }

    [Test]
    public void Slice_DefaultOutIsTheCommittedSlice_RefusedWithoutForce()
    {
        var committed = EmbeddedSlice.Path;
        var before = File.GetLastWriteTimeUtc(Path.Combine(Reporting.RepositoryPaths.Root, "src", "Repro", "Data", "Embedded", EmbeddedSlice.FileName));

        var outcome = sandbox.Run(["data", "slice", "--source", Source(), "--train-per-class", "1", "--test-per-class", "1"]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain($"{EmbeddedSlice.FileName}' already exists; nothing was written");
        File.GetLastWriteTimeUtc(Path.Combine(Reporting.RepositoryPaths.Root, "src", "Repro", "Data", "Embedded", EmbeddedSlice.FileName)).Should().Be(before);
        File.Exists(committed).Should().BeTrue();
    }

    [TestCase("--train-per-class", "0", "--train-per-class must be a positive number of images, got 0")]
    [TestCase("--test-per-class", "-3", "--test-per-class must be a positive number of images, got -3")]
    [TestCase("--train-per-class", "many", "'many'")]
    public void Slice_CountNotAPositiveNumber_BadInputNamingTheOptionNotAParameter(string option, string value, string expected)
    {
        var outcome = sandbox.Run(["data", "slice", "--source", sandbox.Root, "--out", Path.Combine(sandbox.Root, "s.zip"), option, value]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain(expected).And.Contain(option).And.NotContain("Parameter '");
    }
}
