using System.Text.Json;
using Repro.Attacks;
using Repro.Metrics;
using Repro.Models;
using Repro.Runtime;
using static TorchSharp.torch;
using Repro.Claims;

namespace Repro.Harness;

/// <summary>
/// The bits of a profile's first steps on this machine: the server of the first seed (trained, or loaded from
/// the cache), its 8-bit sibling, and FGSM and PGD-10 examples crafted on the sibling and evaluated on the
/// server, each as a SHA-256. Two machines whose fingerprints agree compute the same models and attacks bit for
/// bit; `repro fingerprint --check` compares with a committed one (baselines/&lt;profile&gt;/fingerprint.json).
/// </summary>
public sealed record NumericsFingerprint(
    string Profile,
    string CacheNamespace,
    string Server,
    string Quantized,
    string FgsmExamples,
    string PgdExamples,
    double ServerAccuracy,
    double ServerUnderFgsm,
    double ServerUnderPgd,
    NumericsRecord Numerics)
{
    /// <summary>The hashes and numbers two machines must share (everything but the machine description).</summary>
    public IReadOnlyList<(string Name, string Value)> Comparable() => new[]
    {
        ("profile", Profile), ("cache namespace", CacheNamespace), ("server weights", Server), ("8-bit weights", Quantized),
        ("FGSM examples", FgsmExamples), ("PGD-10 examples", PgdExamples),
        ("server accuracy", ServerAccuracy.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        ("under FGSM", ServerUnderFgsm.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        ("under PGD-10", ServerUnderPgd.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
    };

    public static NumericsFingerprint Measure(RunContext context)
    {
        int seed = context.Profile.Seeds[0];
        var server = context.Zoo.Server(seed);
        var quantized = context.Zoo.Quantized(seed);
        var evaluation = context.Data.Evaluation;
        // The models are read before the scope opens: they belong to the run's model store, not to this measurement.
        var serverModel = server.Model;
        var quantizedModel = quantized.Model;
        using var scope = NewDisposeScope();
        using var set = evaluation.Test.Select(evaluation.AttackIndices);
        var x = set.Images.to(context.Device);
        var labels = set.Labels.to(context.Device);
        var runner = new TransferAttackRunner(context.Profile.Transfer);
        var fgsm = runner.Run(new Fgsm(context.Profile.Transfer), quantizedModel, x, labels);
        using var pgdAttack = new Pgd(context.Profile.Transfer, seed: seed);
        var pgd = runner.Run(pgdAttack, quantizedModel, x, labels);
        return new NumericsFingerprint(context.Profile.Name, context.Environment.Numerics.Namespace,
            WeightsHash.Of(serverModel), WeightsHash.Of(quantizedModel), WeightsHash.Of(fgsm), WeightsHash.Of(pgd),
            Accuracy.Of(serverModel, x, labels), Accuracy.Of(serverModel, fgsm, labels), Accuracy.Of(serverModel, pgd, labels),
            context.Environment.Numerics);
    }

    /// <summary>The differences from <paramref name="expected"/> ("server weights: a1b2… here, c3d4… expected"), empty when identical.</summary>
    public IReadOnlyList<string> Differences(NumericsFingerprint expected) =>
        Comparable().Zip(expected.Comparable())
            .Where(p => p.First.Value != p.Second.Value)
            .Select(p => $"{p.First.Name}: {p.First.Value} here, {p.Second.Value} expected")
            .ToList();

    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    public static NumericsFingerprint Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<NumericsFingerprint>(File.ReadAllText(path), Options)
                ?? throw new Reporting.BaselineFormatException(path, 0, "", "the fingerprint is empty; expected the JSON `repro fingerprint --write` writes");
        }
        catch (JsonException e)
        {
            throw new Reporting.BaselineFormatException(path, (int)(e.LineNumber ?? -1) + 1, e.Path ?? "", $"not a fingerprint ({e.Message}); expected the JSON `repro fingerprint --write` writes");
        }
    }

    static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
