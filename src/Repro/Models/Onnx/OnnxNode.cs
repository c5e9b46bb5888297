using Onnx;

namespace Repro.Models.Onnx;

/// <summary>
/// One node of the graph as an operator reads it: its inputs, outputs and attributes, with every attribute read
/// recorded, so that an attribute the operator does not implement is reported (<see cref="RequireAllAttributesRead"/>)
/// instead of silently changing what the model computes.
/// </summary>
public sealed class OnnxNode
{
    readonly Dictionary<string, AttributeProto> attributes = new(StringComparer.Ordinal);
    readonly HashSet<string> read = new(StringComparer.Ordinal);

    public OnnxNode(string model, NodeProto proto, int index, int opset)
    {
        Model = model;
        Name = string.IsNullOrEmpty(proto.Name) ? $"#{index}" : proto.Name;
        Operator = proto.OpType;
        Opset = opset;
        Inputs = proto.Input.ToArray();
        Outputs = proto.Output.ToArray();
        foreach (var attribute in proto.Attribute) attributes[attribute.Name] = attribute;
    }

    public string Model { get; }
    public string Name { get; }
    public string Operator { get; }

    /// <summary>The model's opset for the default domain: operators whose meaning changed between opsets read it.</summary>
    public int Opset { get; }

    /// <summary>Input value names; "" marks an optional input left out.</summary>
    public IReadOnlyList<string> Inputs { get; }
    public IReadOnlyList<string> Outputs { get; }

    public OnnxImportException Error(string problem, string? attribute = null) => new(Model, Name, Operator, attribute, problem);

    public bool Has(string name) => attributes.ContainsKey(name);

    public long Int(string name, long fallback) => Get(name, AttributeProto.Types.AttributeType.Int) is { } a ? a.I : fallback;

    public float Float(string name, float fallback) => Get(name, AttributeProto.Types.AttributeType.Float) is { } a ? a.F : fallback;

    public string String(string name, string fallback) =>
        Get(name, AttributeProto.Types.AttributeType.String) is { } a ? a.S.ToStringUtf8() : fallback;

    public long[]? Ints(string name) => Get(name, AttributeProto.Types.AttributeType.Ints) is { } a ? a.Ints.ToArray() : null;

    public float[]? Floats(string name) => Get(name, AttributeProto.Types.AttributeType.Floats) is { } a ? a.Floats.ToArray() : null;

    public TensorProto? Tensor(string name) => Get(name, AttributeProto.Types.AttributeType.Tensor)?.T;

    /// <summary>An integer attribute that must take one of a few values (a flag the importer implements one way of).</summary>
    public long IntOneOf(string name, long fallback, params long[] allowed)
    {
        long value = Int(name, fallback);
        if (!allowed.Contains(value)) throw Error($"= {value} is not supported (the importer implements {string.Join(" or ", allowed)})", name);
        return value;
    }

    public string StringOneOf(string name, string fallback, params string[] allowed)
    {
        string value = String(name, fallback);
        if (!allowed.Contains(value, StringComparer.Ordinal))
            throw Error($"= \"{value}\" is not supported (the importer implements {string.Join(", ", allowed.Select(a => $"\"{a}\""))})", name);
        return value;
    }

    /// <summary>Input count within [min, max] and exactly one output: every operator of the set has one result here.</summary>
    public void RequireArity(int minInputs, int maxInputs)
    {
        int given = Inputs.Count;
        while (given > 0 && Inputs[given - 1].Length == 0) given--;
        if (given < minInputs || given > maxInputs)
            throw Error($"has {given} inputs; the importer implements {minInputs}{(maxInputs != minInputs ? $" to {maxInputs}" : "")}");
        if (Outputs.Count != 1)
            throw Error($"has {Outputs.Count} outputs ({string.Join(", ", Outputs)}); the importer implements the first output only");
        for (int i = 0; i < minInputs; i++)
            if (Inputs[i].Length == 0) throw Error($"leaves out required input {i}");
    }

    /// <summary>Called once the operator has read what it implements: any other attribute is an error.</summary>
    public void RequireAllAttributesRead()
    {
        var unread = attributes.Keys.Where(k => !read.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).FirstOrDefault();
        if (unread is not null) throw Error("is not supported by the importer", unread);
    }

    AttributeProto? Get(string name, AttributeProto.Types.AttributeType type)
    {
        if (!attributes.TryGetValue(name, out var attribute)) return null;
        read.Add(name);
        if (attribute.Type != type) throw Error($"has type {attribute.Type}, expected {type}", name);
        return attribute;
    }
}
