namespace Repro.Failures;

/// <summary>
/// The process exit codes of `repro`, one per class of outcome (the README's reliability section lists them).
/// A script can tell a fault of its input from one of the machine or of Repro itself.
/// </summary>
public enum ExitCode
{
    /// <summary>Done. Claims that do not hold at a profile are findings, shown in the report, not errors.</summary>
    Success = 0,

    /// <summary>A check answered no: `fingerprint --check` found a hash that differs; `device-check` found no usable libtorch (or, with --require-cuda, no CUDA).</summary>
    CheckDiffers = 1,

    /// <summary>Bad input: an unknown command, option or name, an option value out of range, a path that is missing or of the
    /// wrong kind, a data set that does not read, an option a profile refuses.</summary>
    BadInput = 2,

    /// <summary>A baseline does not read: baselines/paper/*.csv, a verified or received snapshot, a profile's claims.json.</summary>
    BadBaseline = 3,

    /// <summary>The artifact cache or the run ledger is damaged: a file changed since its checksum, a manifest, a model or the
    /// ledger that does not read, an empty ledger file.</summary>
    CorruptStore = 4,

    /// <summary>This user may not write (or read) a file or folder Repro needs: another user's cache, a read-only folder or file system.</summary>
    PermissionDenied = 5,

    /// <summary>The device (or the quota) is full. Nothing half-written is left; completed work is kept.</summary>
    NoSpace = 6,

    /// <summary>A measurement failed: training or a metric met a non-finite number. In `reproduce`, the other experiments still ran.</summary>
    MeasurementFailed = 7,

    /// <summary>A remote model server could not be used: unreachable after the retries, no such model, a malformed answer, its
    /// query limit reached, or a query journal that belongs to another attack.</summary>
    RemoteFailed = 8,

    /// <summary>Another process holds what this one needs and kept it past the wait: the run ledger locked by another run.</summary>
    Busy = 9,

    /// <summary>A bug in Repro (an error no class above explains): `--verbose` prints the stack trace.</summary>
    InternalError = 70,
}
