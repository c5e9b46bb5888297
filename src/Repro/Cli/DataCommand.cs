using System.CommandLine;
using Repro.Data;
using Repro.Storage;
using Repro.Harness;
using Repro.Claims;

namespace Repro.Cli;

/// <summary>
/// `repro data slice`: rebuilds the embedded CIFAR-10 slice from a full copy (deterministic: same source and seed,
/// same bytes). It never replaces an existing file without --force, and says where it wrote.
/// </summary>
public static class DataCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source")
        {
            Description = "CIFAR-10 as image folders (train/<class>/*, test/<class>/*), whose original image bytes the slice keeps; archives are not read here",
            Required = true,
        };
        var output = new Option<string?>("--out")
        {
            Description = $"The zip to write (default: the repository's src/Repro/Data/Embedded/{EmbeddedSlice.FileName}); an existing file is replaced only with --force",
        };
        var force = new Option<bool>("--force") { Description = "Replace the --out file if it exists" };
        var trainPerClass = PositiveCount("--train-per-class", EmbeddedSlice.TrainPerClass, "Training images drawn per class");
        var testPerClass = PositiveCount("--test-per-class", EmbeddedSlice.TestPerClass, "Test images drawn per class");
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the draw: the same source and seed give the same zip, byte for byte",
            DefaultValueFactory = _ => EmbeddedSlice.Seed,
        };
        var slice = new Command("slice", "Build the embedded class-balanced CIFAR-10 slice") { source, output, force, trainPerClass, testPerClass, seed };
        slice.SetAction(parse =>
        {
            EmbeddedSliceBuilder.CheckSource(parse.GetValue(source)!);
            string target = Path.GetFullPath(parse.GetValue(output) ?? DefaultOutput());
            if (File.Exists(target) && !parse.GetValue(force))
                throw new ArgumentException($"--out '{target}' already exists; nothing was written. Pass --force to replace it, or --out to write elsewhere");
            int train = parse.GetValue(trainPerClass), test = parse.GetValue(testPerClass);
            var manifest = EmbeddedSliceBuilder.Build(parse.GetValue(source)!, target, train, test, parse.GetValue(seed), overwrite: parse.GetValue(force));
            Console.WriteLine($"wrote {target}: {manifest.Entries.Count} images ({train} training and {test} test per class), SHA-256 {FileChecksum.Sha256(target)}");
            return 0;
        });
        return new Command("data", "Data set utilities") { slice };
    }

    /// <summary>A count option that names itself, not an internal parameter, when it is not a positive number.</summary>
    static Option<int> PositiveCount(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            // A value that is not a number at all gets the parser's own error, which names the option too.
            if (result.Tokens.Count > 0 && !int.TryParse(result.Tokens[^1].Value, System.Globalization.CultureInfo.InvariantCulture, out _)) return;
            int value = result.GetValueOrDefault<int>();
            if (value <= 0) result.AddError($"{name} must be a positive number of images, got {value}");
        });
        return option;
    }

    /// <summary>The committed slice in the repository this command runs in (found from the current folder, else from the binary).</summary>
    static string DefaultOutput()
    {
        var root = RepositoryPaths.FindRoot(Directory.GetCurrentDirectory()) ?? RepositoryPaths.FindRoot(AppContext.BaseDirectory)
            ?? throw new ArgumentException($"--out is needed here: no repository (Repro.sln) above '{Directory.GetCurrentDirectory()}' to hold the embedded slice");
        return Path.Combine(root, "src", "Repro", "Data", "Embedded", EmbeddedSlice.FileName);
    }
}
