using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro.Models.Foreign;

/// <summary>
/// How to feed a model file and read its output: the preprocessing its own training used, written beside the file as
/// <c>&lt;stem&gt;.json</c> (e.g. <c>server.pt</c> and <c>server.json</c>). Images reach the model as [0, 1] RGB NCHW pixels of
/// <see cref="Height"/> x <see cref="Width"/> (folders are resized and centre-cropped to it when <see cref="Resize"/> is
/// set); the wrapper reorders the channels and applies <see cref="Mean"/>/<see cref="Std"/> inside, so attacks keep
/// working on pixels (STYLE.md P3).
/// </summary>
public sealed record ModelMetadata
{
    /// <summary>"torchscript" or absent: the file's format follows from its contents (and <see cref="Architecture"/>), not from this field.</summary>
    public string? Format { get; init; }

    /// <summary>
    /// The Repro architecture whose weights the file holds (a safetensors file, a torch.save state dict, or a TorchSharp
    /// model.save), as <see cref="ArchitectureSpec.Describe"/> prints it, e.g. "ResNet(basic;1-1-1;w16;stem2)"; null: the file
    /// is a whole network (TorchScript or ONNX). This field, not the file's extension, decides how a .pt is read.
    /// </summary>
    public string? Architecture { get; init; }

    /// <summary>A short name for tables; the file name when absent.</summary>
    public string? Name { get; init; }

    public int Channels { get; init; } = 3;
    public int Height { get; init; }
    public int Width { get; init; }

    /// <summary>Shorter side resized to this, then the centre <see cref="Height"/> x <see cref="Width"/> crop (ImageNet style); null: images must already have that size.</summary>
    public int? Resize { get; init; }

    /// <summary>Per-channel mean and std the model expects subtracted/divided (in its channel order); null: it takes [0, 1] pixels.</summary>
    public float[]? Mean { get; init; }
    public float[]? Std { get; init; }

    /// <summary>"RGB" or "BGR" (Caffe-style models).</summary>
    public string ChannelOrder { get; init; } = "RGB";

    /// <summary>Class names in output order; their count must match the output width, and an image folder's class folders.</summary>
    public string[] Classes { get; init; } = Array.Empty<string>();

    public ModelOutputKind Output { get; init; } = ModelOutputKind.Logits;

    /// <summary>
    /// TorchScript methods (exported with @torch.jit.export) returning the penultimate activations of the model's input and
    /// the logits of those activations; without them the activation similarity is "not measurable".
    /// </summary>
    public string? FeaturesMethod { get; init; }
    public string? HeadMethod { get; init; }

    /// <summary>How the model was hardened, when `repro harden` wrote it (its audits then also run the adaptive attacks).</summary>
    public string? Hardening { get; init; }

    [JsonIgnore]
    public bool Bgr => ChannelOrder == "BGR";

    /// <summary>The input shape of the wrapped classifier (normalisation is applied by the wrapper, so it is not part of it).</summary>
    [JsonIgnore]
    public InputShape Input => new(Channels, Height, Width, Enumerable.Repeat(0f, Channels).ToArray(), Enumerable.Repeat(1f, Channels).ToArray());

    /// <summary>Canonical text (for the model's <see cref="ArchitectureSpec"/> and so every recipe/cache key).</summary>
    public string Describe() =>
        $"{Format ?? "torchscript"};{Channels}x{Height}x{Width};resize={Resize?.ToString() ?? "none"};order={ChannelOrder};" +
        $"mean={Numbers(Mean)};std={Numbers(Std)};out={Output};classes={Classes.Length}:{string.Join(",", Classes)};" +
        $"features={FeaturesMethod ?? "none"}/{HeadMethod ?? "none"}" + (Hardening is null ? "" : $";hardening={Hardening}") +
        (Architecture is null ? "" : $";architecture={Architecture}");

    static string Numbers(float[]? values) =>
        values is null ? "none" : string.Join(",", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The metadata file of a model file: same folder, same stem, ".json".</summary>
    public static string PathBeside(string modelPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, Path.GetFileNameWithoutExtension(modelPath) + ".json");

    /// <summary>Reads and checks <paramref name="path"/>; every problem is a <see cref="ForeignModelException"/> naming the file and the field.</summary>
    public static ModelMetadata Read(string path, string modelPath)
    {
        if (!File.Exists(path))
            throw new ForeignModelException($"'{modelPath}' has no metadata file '{path}' beside it; expected JSON such as " +
                "{\"height\": 32, \"width\": 32, \"mean\": [0.4914, 0.4822, 0.4465], \"std\": [0.247, 0.2435, 0.2616], \"classes\": [\"airplane\", ...], \"output\": \"logits\"} " +
                "(see the README section 'Audit your own models')");
        ModelMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ForeignModelException($"metadata '{path}' does not read: {e.Message}", e);
        }
        if (metadata is null) throw new ForeignModelException($"metadata '{path}' is empty; expected a JSON object");
        metadata.Validate(path);
        return metadata;
    }

    void Validate(string path)
    {
        var problems = new List<string>();
        if (Format is not (null or "torchscript")) problems.Add($"format '{Format}' is not one this build reads (\"torchscript\", or leave it out)");
        if (Architecture is not null && Output != ModelOutputKind.Logits) problems.Add($"a Repro architecture ({Architecture}) outputs logits; output must be \"logits\", got \"{Output}\"");
        if (Architecture is not null && FeaturesMethod is not null) problems.Add($"a Repro architecture ({Architecture}) has its own features/head split; leave featuresMethod and headMethod out");
        if (Channels != 1 && Channels != 3) problems.Add($"channels must be 1 or 3, got {Channels}");
        if (Height < 1 || Width < 1) problems.Add($"height and width must be positive, got {Height} x {Width}");
        if (Resize is int r && r < Math.Min(Height, Width)) problems.Add($"resize ({r}) must be at least the crop ({Height} x {Width})");
        if ((Mean is null) != (Std is null)) problems.Add("mean and std come together (both or neither)");
        if (Mean is not null && Mean.Length != Channels) problems.Add($"mean has {Mean.Length} values for {Channels} channels");
        if (Std is not null && (Std.Length != Channels || Std.Any(s => !(s > 0) || !float.IsFinite(s)))) problems.Add($"std needs {Channels} finite positive values, got [{string.Join(", ", Std)}]");
        if (Mean is not null && Mean.Any(m => !float.IsFinite(m))) problems.Add("mean holds a NaN or infinity");
        if (ChannelOrder is not ("RGB" or "BGR")) problems.Add($"channelOrder must be \"RGB\" or \"BGR\", got \"{ChannelOrder}\"");
        if (ChannelOrder == "BGR" && Channels != 3) problems.Add("channelOrder BGR needs 3 channels");
        if (Classes.Length < 2) problems.Add($"classes must list at least 2 class names in output order, got {Classes.Length}");
        var duplicates = Classes.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) problems.Add($"classes repeats {string.Join(", ", duplicates)}");
        if ((FeaturesMethod is null) != (HeadMethod is null)) problems.Add("featuresMethod and headMethod come together (both or neither)");
        if (problems.Count > 0) throw new ForeignModelException($"metadata '{path}': {string.Join("; ", problems)}");
    }
}
