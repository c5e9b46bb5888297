namespace Repro.Progress;

/// <summary>
/// Where long work (training epochs, attack batches, query iterations) reports how far it is.
/// The CLI draws a progress bar; tests and CI get plain lines; nothing is required to listen.
/// </summary>
public interface IProgressSink
{
    void Report(string task, long done, long total, string? detail = null);

    /// <summary>A one-off message (an artifact reused from the cache, a phase starting).</summary>
    void Note(string message);
}
