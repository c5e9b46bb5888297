namespace Repro.Remote;

/// <summary>
/// What went over the wire, counted by the client (thread-safe): attempts sent, answered, failed (a 5xx, a lost
/// connection), timed out (the attempt's limit passed: the server may still have answered), retried, and requests
/// answered from the query journal instead of the network. Queries charged to samples are the oracle's, not these.
/// </summary>
public sealed class RemoteTraffic
{
    long attempts, answered, failed, timedOut, retried, fromJournal, imagesFromJournal, imagesOverNetwork;

    public long Attempts => Interlocked.Read(ref attempts);
    public long Answered => Interlocked.Read(ref answered);
    public long Failed => Interlocked.Read(ref failed);
    public long TimedOut => Interlocked.Read(ref timedOut);
    public long Retried => Interlocked.Read(ref retried);
    public long FromJournal => Interlocked.Read(ref fromJournal);
    public long ImagesFromJournal => Interlocked.Read(ref imagesFromJournal);

    /// <summary>Images of answered network requests (each counted once, however many attempts it took).</summary>
    public long ImagesOverNetwork => Interlocked.Read(ref imagesOverNetwork);

    internal void Attempt() => Interlocked.Increment(ref attempts);
    internal void Answer(long images) { Interlocked.Increment(ref answered); Interlocked.Add(ref imagesOverNetwork, images); }
    internal void Fail() => Interlocked.Increment(ref failed);
    internal void TimeOut() => Interlocked.Increment(ref timedOut);
    internal void Retry() => Interlocked.Increment(ref retried);
    internal void Replay(long images) { Interlocked.Increment(ref fromJournal); Interlocked.Add(ref imagesFromJournal, images); }

    public string Describe() =>
        $"{Attempts} attempts: {Answered} answered ({ImagesOverNetwork} images), {Failed} failed, {TimedOut} timed out, {Retried} retried; " +
        $"{FromJournal} requests ({ImagesFromJournal} images) answered from the journal";
}
