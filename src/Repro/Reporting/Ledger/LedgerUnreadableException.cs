namespace Repro.Reporting.Ledger;

/// <summary>
/// The run ledger file cannot be used: damaged, empty, a folder, or written by a newer schema. The message names the
/// file and what to do; Repro never replaces a ledger it cannot read, since that would lose the results in it.
/// </summary>
public sealed class LedgerUnreadableException(string message, Exception? inner = null) : IOException(message, inner), Failures.IExpectedFailure
{
    public Failures.ExitCode Code => Failures.ExitCode.CorruptStore;
}
