namespace Repro.Reporting.Ledger;

/// <summary>The run ledger stayed locked by another process past the wait; the message names the holders where the system tells them.</summary>
public sealed class LedgerBusyException(string message, Exception? inner = null) : IOException(message, inner), Failures.IExpectedFailure
{
    public Failures.ExitCode Code => Failures.ExitCode.Busy;
}
