using System.CommandLine;
using Repro.Profiles;
using Repro.Harness;

namespace Repro.Cli;

/// <summary>
/// `repro fingerprint`: trains (or loads) a profile's server and 8-bit sibling and crafts FGSM and PGD-10
/// examples, printing SHA-256 hashes of each; `--check` compares with a committed fingerprint, so a user learns
/// in a few minutes whether this machine computes the accepted models bit for bit.
/// </summary>
public static class FingerprintCommand
{
    public static Command Create()
    {
        var profile = CommonOptions.Profile();
        var cache = CommonOptions.Cache();
        var write = new Option<string?>("--write") { Description = "Also write the fingerprint as JSON to this file" };
        var check = new Option<string?>("--check")
        {
            Description = "Compare with this fingerprint JSON (e.g. baselines/mini/fingerprint.json); exits 1 when any hash differs",
        };
        var command = new Command("fingerprint", "Hash the first models and attacks of a profile, to check bit-identity with another machine")
        {
            profile, cache, write, check,
        };
        command.SetAction(parse =>
        {
            var chosen = ProfileCatalog.Get(parse.GetValue(profile)!);
            var env = CommonOptions.Environment(parse, cache);
            var expected = parse.GetValue(check) is { } checkPath ? NumericsFingerprint.Load(checkPath) : null;
            using var context = new RunContext(chosen, env, new ConsoleProgress(Console.Out));
            var fingerprint = NumericsFingerprint.Measure(context);
            Console.WriteLine($"numerics: {fingerprint.Numerics.Describe()}");
            foreach (var (name, value) in fingerprint.Comparable()) Console.WriteLine($"{name,-16} {value}");
            if (parse.GetValue(write) is { } writePath)
            {
                Storage.AtomicFile.WriteAllText(writePath, fingerprint.ToJson());
                Console.WriteLine($"written: {writePath}");
            }
            if (expected is null) return 0;
            var differences = fingerprint.Differences(expected);
            if (differences.Count == 0)
            {
                Console.WriteLine($"identical to {parse.GetValue(check)} (recorded on {expected.Numerics.ProcessorModel}, {expected.Numerics.Pin})");
                return 0;
            }
            Console.WriteLine($"differs from {parse.GetValue(check)} (recorded on {expected.Numerics.ProcessorModel}, {expected.Numerics.Pin}):");
            foreach (var d in differences) Console.WriteLine("  " + d);
            return 1;
        });
        return command;
    }
}
