using System.Reflection;
using Microsoft.Data.Sqlite;
using Repro.Storage;

namespace Repro.Failures;

/// <summary>
/// What an error means to the user: its class (the process exit code) and one plain message that names the file or
/// option and what was expected (DESIGN.md §6). Expected failures are told apart by type; whatever no class
/// explains is a bug in Repro, the only case that deserves a stack trace.
/// </summary>
public sealed record Failure(ExitCode Code, string Message, Exception Exception)
{
    // errno of a write to a read-only mount (Linux, macOS): the same remedy as a folder this user may not write.
    const int Erofs = 30;

    public bool IsBug => Code == ExitCode.InternalError;

    public static Failure Of(Exception exception)
    {
        var e = Unwrap(exception);
        var code = Classify(e);
        return new Failure(code, Describe(code, e), e);
    }

    static ExitCode Classify(Exception e) => e switch
    {
        _ when DiskFullException.Matches(e) => ExitCode.NoSpace,
        IExpectedFailure expected => expected.Code,
        UnauthorizedAccessException => ExitCode.PermissionDenied,
        IOException { HResult: Erofs } when !OperatingSystem.IsWindows() => ExitCode.PermissionDenied,
        SqliteException sqlite => sqlite.SqliteErrorCode switch
        {
            13 => ExitCode.NoSpace,                             // SQLITE_FULL
            11 or 26 => ExitCode.CorruptStore,                  // SQLITE_CORRUPT, SQLITE_NOTADB
            3 or 8 or 23 => ExitCode.PermissionDenied,          // SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH
            _ => ExitCode.InternalError,
        },
        ArithmeticException => ExitCode.MeasurementFailed,
        ArgumentNullException => ExitCode.InternalError,
        ArgumentException or FormatException or InvalidDataException or IOException => ExitCode.BadInput,
        _ => ExitCode.InternalError,
    };

    static string Describe(ExitCode code, Exception e) => code switch
    {
        ExitCode.BadBaseline => $"baseline does not read: {e.Message}",
        ExitCode.PermissionDenied => $"permission denied: {e.Message}",
        ExitCode.NoSpace => $"no space left on the device: {e.Message}. Free space (or point --cache/--reports elsewhere) and rerun: " +
            "nothing half-written was kept, and what completed is reused",
        ExitCode.InternalError => $"internal error (a bug in Repro): {e.GetType().Name}: {Text(e)}. Rerun with --verbose for the stack trace, and report it",
        _ => Text(e),
    };

    /// <summary>The message a user reads: libtorch's first line, without its C++ backtrace (kept in the exception for --verbose).</summary>
    static string Text(Exception e) => e is System.Runtime.InteropServices.ExternalException ? NativeErrorText.FirstLine(e.Message) : e.Message;

    /// <summary>The error itself, not the wrapper that carried it across threads or reflection.</summary>
    static Exception Unwrap(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        TypeInitializationException { InnerException: { } inner } => Unwrap(inner),
        _ => e,
    };
}
