namespace Repro.Data;

/// <summary>No copy of the data set was found; <see cref="Looked"/> lists every place searched and why each failed.</summary>
public sealed class DatasetNotFoundException(string summary, IReadOnlyList<string> looked)
    : FileNotFoundException($"{summary}. Looked in:{string.Concat(looked.Select(l => $"{Environment.NewLine}  - {l}"))}")
{
    public IReadOnlyList<string> Looked { get; } = looked;
}
