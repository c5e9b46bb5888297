using Repro.Failures;

namespace Repro.Models.Onnx;

/// <summary>
/// An ONNX model that Repro cannot import faithfully: an operator, an attribute (or an attribute value), an input or an
/// opset outside what the importer implements. Thrown while the module is built, before anything runs, and names the
/// node, its operator and the attribute, so that a user can see which layer of the shipped model is the obstacle.
/// </summary>
public sealed class OnnxImportException : Exception, IExpectedFailure
{
    public OnnxImportException(string model, string? node, string? op, string? attribute, string problem)
        : base(Describe(model, node, op, attribute, problem))
    {
        Node = node;
        Operator = op;
        Attribute = attribute;
    }

    public ExitCode Code => ExitCode.BadInput;

    /// <summary>The node's name (or "#index" when the file leaves it unnamed); null for a model-wide problem.</summary>
    public string? Node { get; }

    /// <summary>The node's op_type.</summary>
    public string? Operator { get; }

    /// <summary>The attribute at fault, when one is.</summary>
    public string? Attribute { get; }

    static string Describe(string model, string? node, string? op, string? attribute, string problem)
    {
        var where = node is null ? model : $"{model}: node '{node}' ({op})";
        return attribute is null ? $"{where}: {problem}" : $"{where}: attribute '{attribute}' {problem}";
    }
}
