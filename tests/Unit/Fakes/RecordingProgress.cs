using Repro.Progress;

namespace Repro.Unit.Fakes;

/// <summary>Keeps every note, so a test can check what a user was told.</summary>
internal sealed class RecordingProgress : IProgressSink
{
    public List<string> Notes { get; } = new();
    public void Report(string task, long done, long total, string? detail = null) { }
    public void Note(string message) => Notes.Add(message);
}
