using Repro.Progress;
using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Claims;
using Repro.Paper;

namespace Repro.Unit.Fakes;

/// <summary>Keeps every note, so a test can check what a user was told.</summary>
internal sealed class RecordingProgress : IProgressSink
{
    public List<string> Notes { get; } = new();
    public void Report(string task, long done, long total, string? detail = null) { }
    public void Note(string message) => Notes.Add(message);
}
