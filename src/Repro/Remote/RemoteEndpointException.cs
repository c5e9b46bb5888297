using Repro.Failures;

namespace Repro.Remote;

/// <summary>
/// A remote model server that cannot be used as asked: unreachable after the retries, no such model, a malformed or
/// misshapen answer, its query limit reached. The message names the server, the model and what was expected.
/// </summary>
public sealed class RemoteEndpointException : Exception, IExpectedFailure
{
    public RemoteEndpointException(string message, Exception? inner = null) : base(message, inner) { }

    public ExitCode Code => ExitCode.RemoteFailed;
}
