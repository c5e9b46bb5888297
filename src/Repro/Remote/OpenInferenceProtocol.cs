using System.Buffers;
using System.Text.Json;

namespace Repro.Remote;

/// <summary>
/// The JSON of the Open Inference Protocol's REST binding (KServe v2, spoken by Triton, Seldon MLServer, TorchServe and
/// OpenVINO Model Server): paths, the infer request and response bodies, and the error body. Only what Repro sends and
/// reads: one input tensor, one output tensor, JSON data (no binary extension).
/// </summary>
public static class OpenInferenceProtocol
{
    public const string InputName = "input";

    /// <summary>Score mode's output: softmax probabilities [n, classes].</summary>
    public const string ScoresOutput = "probabilities";

    /// <summary>Label-only mode's output: the top-1 class of each image, INT64 [n].</summary>
    public const string LabelOutput = "label";

    public static string Live => "v2/health/live";
    public static string Ready => "v2/health/ready";
    public static string Model(string name) => $"v2/models/{Uri.EscapeDataString(name)}";
    public static string ModelReady(string name) => $"v2/models/{Uri.EscapeDataString(name)}/ready";
    public static string Infer(string name) => $"v2/models/{Uri.EscapeDataString(name)}/infer";

    /// <summary>
    /// A model's URL, http(s)://HOST:PORT[/PREFIX]/v2/models/NAME (what `repro serve` prints), as the server's root and
    /// the model's name; throws <see cref="ArgumentException"/> naming the expected form.
    /// </summary>
    public static (Uri Root, string Model) SplitModelUrl(string url)
    {
        string form = "a remote server is given by its model's URL, http://HOST:PORT/v2/models/NAME (what `repro serve` prints)";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{url}' is not an http(s) URL; {form}");
        var path = uri.AbsolutePath.TrimEnd('/');
        int at = path.LastIndexOf("/v2/models/", StringComparison.Ordinal);
        string name = at < 0 ? "" : Uri.UnescapeDataString(path[(at + "/v2/models/".Length)..]);
        if (at < 0 || name.Length == 0 || name.Contains('/') || !string.IsNullOrEmpty(uri.Query))
            throw new ArgumentException($"'{url}' names no model; {form}");
        return (new Uri(uri.GetLeftPart(UriPartial.Authority) + path[..(at + 1)]), name);
    }

    /// <summary>{"id": ..., "inputs": [tensor], "outputs": [{"name": output}]}.</summary>
    public static byte[] WriteRequest(string id, InferenceTensor input, string output)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WritePropertyName("inputs");
            json.WriteStartArray();
            WriteTensor(json, input);
            json.WriteEndArray();
            json.WritePropertyName("outputs");
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("name", output);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>{"model_name": ..., "model_version": "1", "id": ..., "outputs": [tensor]}.</summary>
    public static byte[] WriteResponse(string model, string? id, InferenceTensor output)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model_name", model);
            json.WriteString("model_version", "1");
            if (id is not null) json.WriteString("id", id);
            json.WritePropertyName("outputs");
            json.WriteStartArray();
            WriteTensor(json, output);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    static void WriteTensor(Utf8JsonWriter json, InferenceTensor tensor)
    {
        json.WriteStartObject();
        json.WriteString("name", tensor.Name);
        json.WritePropertyName("shape");
        json.WriteStartArray();
        foreach (long size in tensor.Shape) json.WriteNumberValue(size);
        json.WriteEndArray();
        json.WriteString("datatype", tensor.Datatype);
        json.WritePropertyName("data");
        json.WriteStartArray();
        if (tensor.Floats is { } floats) foreach (float value in floats) json.WriteNumberValue(value);
        if (tensor.Integers is { } integers) foreach (long value in integers) json.WriteNumberValue(value);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// The tensor named <paramref name="name"/> in the "inputs" or "outputs" array of <paramref name="root"/>; throws
    /// <see cref="InvalidDataException"/> saying what is wrong (missing, shape and data disagree, a datatype not
    /// <paramref name="datatypes"/>, a value that is not a number of that type).
    /// </summary>
    public static InferenceTensor ReadTensor(JsonElement root, string array, string? name, IReadOnlyCollection<string> datatypes)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(array, out var list) || list.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"the body has no \"{array}\" array");
        JsonElement? found = null;
        var names = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            string itemName = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
            names.Add(itemName);
            if (name is null || itemName == name) { found = item; break; }
        }
        if (found is not { } tensor)
            throw new InvalidDataException(name is null
                ? $"\"{array}\" is empty"
                : $"\"{array}\" has no tensor named '{name}' (it has {(names.Count == 0 ? "none" : string.Join(", ", names.Select(x => $"'{x}'")))})");
        if (tensor.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"each of \"{array}\" must be an object with \"name\", \"shape\", \"datatype\" and \"data\", got {Kind(tensor.ValueKind)}");
        if (!tensor.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"a tensor of \"{array}\" has {(nameElement.ValueKind == JsonValueKind.Undefined ? "no \"name\"" : $"a \"name\" that is {Kind(nameElement.ValueKind)}")}; expected a string");
        string tensorName = nameElement.GetString()!;
        if (!tensor.TryGetProperty("datatype", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"tensor '{tensorName}' has no datatype");
        string datatype = typeElement.GetString()!;
        if (!datatypes.Contains(datatype))
            throw new InvalidDataException($"tensor '{tensorName}' has datatype {datatype}; expected {string.Join(" or ", datatypes)}");
        if (!tensor.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || shapeElement.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out long v) || v < 0))
            throw new InvalidDataException($"tensor '{tensorName}' has no shape of non-negative integers");
        var shape = shapeElement.EnumerateArray().Select(s => s.GetInt64()).ToArray();
        if (!tensor.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"tensor '{tensorName}' has no \"data\" array (Repro reads JSON data, not the binary extension)");
        long expected = shape.Aggregate(1L, (a, b) => a * b);
        if (data.GetArrayLength() != expected)
            throw new InvalidDataException($"tensor '{tensorName}' has shape [{string.Join(", ", shape)}] ({expected} elements) but {data.GetArrayLength()} data values");
        int index = 0;
        if (datatype == InferenceTensor.Fp32)
        {
            var floats = new float[expected];
            foreach (var value in data.EnumerateArray())
            {
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out floats[index]) || !float.IsFinite(floats[index]))
                    throw new InvalidDataException($"tensor '{tensorName}': element {index} ({value.GetRawText()}) is not a finite FP32 number");
                index++;
            }
            return InferenceTensor.OfFloats(tensorName, shape, floats);
        }
        var (low, high) = datatype switch
        {
            InferenceTensor.Uint8 => (0L, 255L),
            "INT32" => (int.MinValue, (long)int.MaxValue),
            _ => (long.MinValue, long.MaxValue),
        };
        var integers = new long[expected];
        foreach (var value in data.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out integers[index]) || integers[index] < low || integers[index] > high)
                throw new InvalidDataException($"tensor '{tensorName}': element {index} ({value.GetRawText()}) is not a {datatype} value");
            index++;
        }
        return InferenceTensor.OfIntegers(tensorName, datatype, shape, integers);
    }

    /// <summary>A JSON value's kind as a client's error message names it ("a number").</summary>
    internal static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    /// <summary>The protocol's error body: {"error": message}.</summary>
    public static byte[] WriteError(string message) =>
        // Quotes stay quotes (not \u0027): the answer is JSON for clients, never pasted into HTML.
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = message }, ErrorJson);

    static readonly JsonSerializerOptions ErrorJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The "error" field of a body, or the body's start when it is not the protocol's error JSON.</summary>
    public static string ReadError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
                return error.ToString();
        }
        catch (JsonException)
        {
        }
        return body.Length > 300 ? body[..300] + "..." : body;
    }
}
