namespace Repro.Harness.Artifacts;

/// <summary>
/// A cached artifact (or resumable checkpoint) that cannot be trusted: a file is missing, truncated or changed since
/// its manifest recorded it, or does not read. The message names the file and the folder to delete to rebuild it.
/// </summary>
public sealed class CorruptArtifactException(string message, Exception? inner = null) : IOException(message, inner), Failures.IExpectedFailure
{
    public Failures.ExitCode Code => Failures.ExitCode.CorruptStore;
}
