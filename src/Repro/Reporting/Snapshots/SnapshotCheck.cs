namespace Repro.Reporting.Snapshots;

/// <summary>The outcome of checking a result against its verified snapshot; <see cref="Message"/> is the failure text to show.</summary>
public sealed record SnapshotCheck(bool Passed, string Message, string VerifiedPath, string? ReceivedPath, TableComparisonResult? Comparison)
{
    public void ThrowIfFailed()
    {
        if (!Passed) throw new SnapshotMismatchException(Message);
    }
}

/// <summary>A measured table differs from (or has no) verified snapshot; the message says what and how to accept.</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);
