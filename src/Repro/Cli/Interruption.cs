using System.Runtime.InteropServices;
using Repro.Harness;

namespace Repro.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM end a `reproduce` run gracefully: the ledger records the run's end with 130 or 143 (the
/// report lists it as interrupted), the temporary folders of builds in flight are removed, and the process exits with
/// that code. What completed (artifacts, checkpoints, recorded results) stays, so the same command resumes.
/// </summary>
public static class Interruption
{
    public static IDisposable Register(ReproductionRun run)
    {
        var registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, run, 130, "SIGINT")),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, run, 143, "SIGTERM")),
        };
        return new Registrations(registrations);
    }

    static void Stop(PosixSignalContext context, ReproductionRun run, int code, string signal)
    {
        context.Cancel = true;
        if (!run.Interrupt(code)) return;
        Console.Error.WriteLine($"repro: interrupted by {signal}: run {run.RunId} recorded as ended with {code}; what completed is kept, and the same command resumes from it.");
        Console.Out.Flush();
        Console.Error.Flush();
        // _exit, not Environment.Exit: the workers are still inside libtorch, and running its static destructors under
        // them crashes the process (exit 139, measured). Everything that must last is written and committed above.
        _exit(code);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    static extern void _exit(int status);

    sealed class Registrations(PosixSignalRegistration[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var r in registrations) r.Dispose();
        }
    }
}
