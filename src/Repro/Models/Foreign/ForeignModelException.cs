namespace Repro.Models.Foreign;

/// <summary>
/// A model file, or the metadata beside it, that cannot be used as it stands: missing, corrupt, or not what its
/// metadata (or the data) says. Bad input, not a bug: the message names the file and what was expected.
/// </summary>
public sealed class ForeignModelException : Exception, Failures.IExpectedFailure
{
    public ForeignModelException(string message, Exception? inner = null) : base(message, inner) { }

    public Failures.ExitCode Code => Failures.ExitCode.BadInput;
}
