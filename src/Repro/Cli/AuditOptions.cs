using System.CommandLine;
using System.Globalization;
using Repro.Audit;
using Repro.Models.Foreign;

namespace Repro.Cli;

/// <summary>The options `repro audit` and `repro harden` share, and how they become a server, a sibling, images and settings.</summary>
sealed class AuditOptions
{
    public Option<string> Server { get; } = new("--server") { Description = "The server model: a TorchScript, ONNX (.onnx, run by ONNX Runtime) or Repro-architecture weights file (.safetensors, state dict) with its <stem>.json metadata beside it, or a Repro cache artifact folder; for `audit` also a model's URL on a KServe v2 server, http://HOST:PORT/v2/models/NAME", Required = true };
    public Option<string> Device { get; } = new("--on-device") { Description = "The published on-device sibling: a TorchScript, ONNX (.onnx, imported as a differentiable module) or Repro-architecture weights file (.safetensors, state dict) with its <stem>.json metadata, or a Repro cache artifact folder", Required = true };
    public Option<string> Data { get; } = new("--data") { Description = "Test images: 'embedded' (the CIFAR-10 slice) or a folder DIR/[test/]<class>/<image> (harden also reads DIR/train/)", DefaultValueFactory = _ => AuditImages.Embedded };
    public Option<int> Budget { get; } = new("--budget") { Description = "P-RGF queries per image", DefaultValueFactory = _ => 2000 };
    public Option<int> Samples { get; } = new("--samples") { Description = "Test images the transfer attacks run on (S)", DefaultValueFactory = _ => 500 };
    public Option<int> QuerySamples { get; } = new("--query-samples") { Description = "Images of S the query attacks run on", DefaultValueFactory = _ => 100 };
    public Option<int> SimilaritySamples { get; } = new("--similarity-samples") { Description = "Images of S the similarities average over", DefaultValueFactory = _ => 500 };
    public Option<string> Eps { get; } = new("--eps") { Description = "L-inf budget on [0, 1] pixels, as 8/255 or 0.0314", DefaultValueFactory = _ => "8/255" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the attacks' random draws", DefaultValueFactory = _ => 0 };
    public Option<bool> Adaptive { get; } = new("--adaptive") { Description = "Also run the adaptive attacks (the sibling's gradient negated) on an unhardened sibling" };
    public Option<string> Out { get; } = new("--out") { Description = "Folder for the page, the JSON and the checkpoints a killed run resumes from", DefaultValueFactory = _ => Path.Combine("reports", "audit") };

    public IEnumerable<Option> All => new Option[] { Server, Device, Data, Budget, Samples, QuerySamples, SimilaritySamples, Eps, Seed, Adaptive, Out };

    /// <summary>The --out folder, full; a file there (or on its way) is refused before anything is measured.</summary>
    public string OutputFolder(ParseResult parse)
    {
        string output = Path.GetFullPath(parse.GetValue(Out)!);
        for (var at = output; !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
            if (File.Exists(at))
                throw new ArgumentException(at == output
                    ? $"--out '{output}' is a file; expected a folder for the page, the JSON and the checkpoints"
                    : $"--out '{output}': '{at}' is a file, so no folder can be made under it");
        return output;
    }

    public AuditSettings Settings(ParseResult parse)
    {
        var settings = new AuditSettings
        {
            AttackSamples = parse.GetValue(Samples),
            QuerySamples = parse.GetValue(QuerySamples),
            SimilaritySamples = parse.GetValue(SimilaritySamples),
            AttackSeed = parse.GetValue(Seed),
            Adaptive = parse.GetValue(Adaptive),
        };
        settings = settings.WithEpsilon(ParseEps(parse.GetValue(Eps)!)) with { Query = settings.Query with { QueryBudget = parse.GetValue(Budget), Epsilon = ParseEps(parse.GetValue(Eps)!) } };
        if (settings.Problems() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems));
        return settings;
    }

    /// <summary>"8/255" or a decimal.</summary>
    public static double ParseEps(string text)
    {
        var parts = text.Split('/');
        bool ok = parts.Length switch
        {
            1 => double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            2 => double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _) && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => false,
        };
        if (!ok) throw new ArgumentException($"--eps '{text}' is not a number or a fraction such as 8/255");
        double value = parts.Length == 1 ? double.Parse(parts[0], CultureInfo.InvariantCulture)
            : double.Parse(parts[0], CultureInfo.InvariantCulture) / double.Parse(parts[1], CultureInfo.InvariantCulture);
        if (!(value > 0) || value > 1) throw new ArgumentException($"--eps must be in (0, 1] (pixels are [0, 1]), got {text}");
        return value;
    }

    /// <summary>
    /// The server as a local file: TorchScript (white-box), or ONNX queried under ONNX Runtime (and imported for the
    /// white-box parts); with <paramref name="labelOnly"/> and <paramref name="eightBit"/> it rehearses a server that answers
    /// labels only and takes 8-bit images. A model's URL (a remote server) is `repro audit`'s, which connects to it itself.
    /// </summary>
    public static (IAuditServer Server, ForeignClassifier? Model) LoadServer(string server, bool labelOnly = false, bool eightBit = false)
    {
        if (RemoteAuditOptions.IsUrl(server))
            throw new ArgumentException($"--server '{server}': hardening trains against the server's input-gradients, which a remote server does not give; " +
                "give the server's model file (`repro audit` takes a URL)");
        var model = Harness.ModelFiles.Load(server, "--server");
        return model is OnnxClassifier onnx
            ? (new OnnxRuntimeServer(onnx, labelOnly, eightBit), onnx)
            : (new LocalServer(model, labelOnly, eightBit), model);
    }

    public static void RequireSameInput(ForeignClassifier? server, ForeignClassifier device)
    {
        if (server is null) return;
        var a = server.Metadata;
        var b = device.Metadata;
        if (a.Channels != b.Channels || a.Height != b.Height || a.Width != b.Width || a.Resize != b.Resize)
            throw new ForeignModelException($"the server takes {a.Channels}x{a.Height}x{a.Width} (resize {a.Resize?.ToString() ?? "none"}) and the on-device model " +
                $"{b.Channels}x{b.Height}x{b.Width} (resize {b.Resize?.ToString() ?? "none"}); an audit perturbs the same pixels for both");
        if (!a.Classes.SequenceEqual(b.Classes))
            throw new ForeignModelException($"the server's classes ({string.Join(", ", a.Classes)}) are not the on-device model's ({string.Join(", ", b.Classes)}), in that order");
    }

    public static void WritePage(string folder, string name, AuditReport audit, HardenReport? harden)
    {
        Directory.CreateDirectory(folder);
        var options = new System.Text.Json.JsonSerializerOptions { WriteIndented = true };
        Storage.AtomicFile.WriteAllText(Path.Combine(folder, name + ".json"),
            harden is null ? System.Text.Json.JsonSerializer.Serialize(audit, options) : System.Text.Json.JsonSerializer.Serialize(harden, options));
        Storage.AtomicFile.WriteAllText(Path.Combine(folder, name + ".html"), AuditPage.Render(audit, harden));
    }
}
