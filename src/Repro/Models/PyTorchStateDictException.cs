namespace Repro.Models;

/// <summary>A checkpoint that does not fit the model: every missing, unexpected and mis-shaped tensor, by name.</summary>
public sealed class PyTorchStateDictException : Exception, Failures.IExpectedFailure
{
    public Failures.ExitCode Code => Failures.ExitCode.BadInput;

    public PyTorchStateDictException(string reference, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
        IReadOnlyList<string> shapeMismatches)
        : base(Describe(reference, missing, unexpected, shapeMismatches))
    {
        Missing = missing;
        Unexpected = unexpected;
        ShapeMismatches = shapeMismatches;
    }

    /// <summary>Reference names the model needs and the checkpoint lacks.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Names in the checkpoint that the model has no tensor for.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>"name: checkpoint [a, b] vs model [c, d]".</summary>
    public IReadOnlyList<string> ShapeMismatches { get; }

    static string Describe(string reference, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> shapes)
    {
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"{missing.Count} missing: {List(missing)}");
        if (unexpected.Count > 0) parts.Add($"{unexpected.Count} unexpected: {List(unexpected)}");
        if (shapes.Count > 0) parts.Add($"{shapes.Count} with another shape: {List(shapes)}");
        return $"the checkpoint does not match {reference}; " + string.Join("; ", parts);
    }

    // Long enough to see the pattern (a wrong architecture shows in the first names), short enough to read.
    static string List(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(20)) + (names.Count > 20 ? $", ... ({names.Count - 20} more)" : "");
}
