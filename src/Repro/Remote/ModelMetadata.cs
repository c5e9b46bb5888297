using System.Text.Json;
using System.Text.Json.Nodes;

namespace Repro.Remote;

/// <summary>
/// What GET /v2/models/{name} says about a model (the protocol's model metadata), reduced to what a query attack needs:
/// its one input (datatype FP32 or UINT8, image shape [-1, C, H, W]) and its one output (score mode: FP32
/// "probabilities" [-1, classes]; label-only mode: INT64 "label" [-1]).
/// </summary>
public sealed record ModelMetadata(string Name, string InputName, string InputDatatype, int[] ImageShape, string OutputName, string OutputDatatype, int? Classes)
{
    /// <summary>The server answers with softmax scores (otherwise with top-1 labels only).</summary>
    public bool ReturnsScores => Classes is not null;

    /// <summary>The server takes 8-bit images only (Table II's constraint).</summary>
    public bool TakesEightBitImages => InputDatatype == InferenceTensor.Uint8;

    public string Describe() =>
        $"'{Name}': {InputDatatype} [n, {string.Join(", ", ImageShape)}] -> " +
        (ReturnsScores ? $"{OutputDatatype} '{OutputName}' [n, {Classes}] (scores)" : $"{OutputDatatype} '{OutputName}' [n] (labels only)");

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["name"] = Name,
        ["versions"] = new JsonArray("1"),
        ["platform"] = "repro-torchsharp",
        ["inputs"] = new JsonArray(new JsonObject
        {
            ["name"] = InputName, ["datatype"] = InputDatatype,
            ["shape"] = new JsonArray(new[] { -1 }.Concat(ImageShape).Select(s => (JsonNode)s).ToArray()),
        }),
        ["outputs"] = new JsonArray(new JsonObject
        {
            ["name"] = OutputName, ["datatype"] = OutputDatatype,
            ["shape"] = Classes is { } classes ? new JsonArray(-1, classes) : new JsonArray(-1),
        }),
    });

    /// <summary>Reads the metadata body; throws <see cref="InvalidDataException"/> naming what does not fit the two modes above.</summary>
    public static ModelMetadata Parse(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the model metadata is not JSON ({e.Message})");
        }
        string name = root?["name"]?.GetValue<string>() ?? throw new InvalidDataException("the model metadata has no name");
        var input = One(root, "inputs");
        var output = One(root, "outputs");
        string inputType = Text(input, "datatype");
        if (inputType is not (InferenceTensor.Fp32 or InferenceTensor.Uint8))
            throw new InvalidDataException($"model '{name}' takes {inputType} input; Repro sends FP32 [0, 1] pixels or UINT8 8-bit images");
        var inputShape = Shape(input);
        if (inputShape.Length != 4 || inputShape.Skip(1).Any(s => s < 1))
            throw new InvalidDataException($"model '{name}' takes input of shape [{string.Join(", ", inputShape)}]; expected images [-1, C, H, W]");
        string outputType = Text(output, "datatype");
        var outputShape = Shape(output);
        int? classes = outputType switch
        {
            InferenceTensor.Fp32 when outputShape.Length == 2 && outputShape[1] >= 2 => outputShape[1],
            InferenceTensor.Int64 or "INT32" when outputShape.Length == 1 || (outputShape.Length == 2 && outputShape[1] == 1) => null,
            _ => throw new InvalidDataException(
                $"model '{name}' answers {outputType} [{string.Join(", ", outputShape)}]; expected FP32 scores [-1, classes] or INT64 labels [-1]"),
        };
        return new ModelMetadata(name, Text(input, "name"), inputType, inputShape.Skip(1).ToArray(), Text(output, "name"), outputType, classes);
    }

    static JsonNode One(JsonNode root, string array) =>
        root[array] is JsonArray { Count: 1 } list && list[0] is { } item
            ? item
            : throw new InvalidDataException($"the model metadata must list exactly one tensor in \"{array}\"");

    static string Text(JsonNode node, string field) =>
        node[field]?.GetValue<string>() ?? throw new InvalidDataException($"a tensor of the model metadata has no \"{field}\"");

    static int[] Shape(JsonNode node) =>
        node["shape"] is JsonArray shape ? shape.Select(s => s!.GetValue<int>()).ToArray() : throw new InvalidDataException("a tensor of the model metadata has no shape");
}
