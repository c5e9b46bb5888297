namespace Repro.Progress;

/// <summary>Discards everything.</summary>
public sealed class SilentProgress : IProgressSink
{
    public static SilentProgress Instance { get; } = new();
    public void Report(string task, long done, long total, string? detail = null) { }
    public void Note(string message) { }
}
