using System.Diagnostics;
using Repro.Progress;

namespace Repro.Cli;

/// <summary>
/// Progress as timestamped lines: readable in a terminal, in CI logs and in files alike. Epoch-level
/// reports are throttled so a 200-epoch run prints a line per epoch, not per step.
/// </summary>
public sealed class ConsoleProgress(TextWriter output) : IProgressSink
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly object gate = new();

    public void Report(string task, long done, long total, string? detail = null)
    {
        int width = 20;
        int filled = total <= 0 ? 0 : (int)Math.Round(width * (double)done / total);
        string bar = new string('#', filled) + new string('.', width - filled);
        Write($"{task,-40} [{bar}] {done}/{total}{(detail is null ? "" : "  " + detail)}");
    }

    public void Note(string message) => Write(message);

    void Write(string line)
    {
        lock (gate) output.WriteLine($"[{clock.Elapsed.TotalSeconds,7:F1}s] {line}");
    }
}
