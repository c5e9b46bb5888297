using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Repro.Storage;

namespace Repro.Reporting;

/// <summary>
/// Reads and writes <see cref="ExperimentResult"/>s as JSON (<c>reports/results.json</c>, and one
/// result per ledger entry): indented, LF, invariant, doubles in their shortest round-trip form (full
/// precision). Files are written atomically and validated both ways (no NaN, unique row ids).
/// </summary>
public static class ResultsFile
{
    /// <summary>Version of the file layout; a reader refuses a newer one with a clear message.</summary>
    public const int SchemaVersion = 1;

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            NewLine = "\n",
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // A missing required field or a null where the contract says non-null is an error, not a
            // silently half-filled record that fails later in the report.
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            // Default (strict) number handling: NaN and Infinity are refused both ways.
            NumberHandling = JsonNumberHandling.Strict,
            // The report escapes what it prints; the file keeps text readable (✓, λ, ±) instead of \u escapes.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(ExperimentResult result)
    {
        ResultValidation.ThrowIfInvalid(result, "cannot write result");
        return JsonSerializer.Serialize(result, Options);
    }

    public static ExperimentResult Deserialize(string json, string source)
    {
        ExperimentResult? result;
        try
        {
            result = JsonSerializer.Deserialize<ExperimentResult>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid experiment result ({e.Message})", e);
        }
        if (result is null) throw new InvalidDataException($"{source}: expected an experiment result object, got null");
        ResultValidation.ThrowIfInvalid(result, source);
        return result;
    }

    /// <summary>The whole results file: a schema version and the results in the given order.</summary>
    public static string SerializeMany(IEnumerable<ExperimentResult> results)
    {
        var list = results.ToList();
        foreach (var r in list) ResultValidation.ThrowIfInvalid(r, "cannot write result");
        var root = new JsonObject
        {
            ["schema"] = SchemaVersion,
            ["results"] = JsonSerializer.SerializeToNode(list, Options),
        };
        return root.ToJsonString(Options) + "\n";
    }

    public static IReadOnlyList<ExperimentResult> DeserializeMany(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({e.Message})", e);
        }
        if (root is not JsonObject obj)
            throw new InvalidDataException($"{source}: expected an object with 'schema' and 'results'");
        int schema = obj["schema"] is JsonValue v && v.TryGetValue(out int s) ? s : -1;
        if (schema != SchemaVersion)
            throw new InvalidDataException($"{source}: expected \"schema\": {SchemaVersion}, got {obj["schema"]?.ToJsonString() ?? "nothing"}");
        if (obj["results"] is not JsonArray array)
            throw new InvalidDataException($"{source}: expected a 'results' array");

        var results = new List<ExperimentResult>(array.Count);
        for (int i = 0; i < array.Count; i++)
            results.Add(Deserialize(array[i]?.ToJsonString() ?? "null", $"{source}, results[{i}]"));
        return results;
    }

    public static void Write(string path, IEnumerable<ExperimentResult> results) => AtomicFile.WriteAllText(path, SerializeMany(results));

    public static void Write(string path, ExperimentResult result) => Write(path, new[] { result });

    public static IReadOnlyList<ExperimentResult> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"results file not found: {path}", path);
        return DeserializeMany(File.ReadAllText(path), path);
    }
}
