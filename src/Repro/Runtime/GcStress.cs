namespace Repro.Runtime;

/// <summary>
/// Forces garbage collections and finalizers continuously on a background thread: the stress mode that turns a
/// managed object freed during its native call (a Scalar or Tensor whose finalizer runs while libtorch still uses it)
/// from a one-in-ten failure of a cold run into one within a second. `REPRO_GC_STRESS=1` starts it for a whole process
/// (<see cref="TorchProcessSetup"/>); set `DOTNET_GCgen0size` small (e.g. 0x10000) beside it for a tiny gen0 budget too.
/// </summary>
public sealed class GcStress : IDisposable
{
    /// <summary>The environment variable that starts the stress mode for a process ("1"; "0" or unset leaves it off).</summary>
    public const string Variable = "REPRO_GC_STRESS";

    readonly Thread thread;
    volatile bool stopping;
    long collections;

    GcStress()
    {
        thread = new Thread(Loop) { IsBackground = true, Name = "repro-gc-stress", Priority = ThreadPriority.BelowNormal };
        thread.Start();
    }

    /// <summary>Starts collecting and finalizing until disposed.</summary>
    public static GcStress Start() => new();

    /// <summary>Collections (each followed by the pending finalizers) forced so far.</summary>
    public long Collections => Interlocked.Read(ref collections);

    /// <summary>Reads the variable's value: on, off, or an error naming what it accepts.</summary>
    public static bool IsRequested(string? value) => value switch
    {
        null or "" or "0" => false,
        "1" => true,
        _ => throw new ArgumentException($"{Variable}='{value}' is not a stress setting; use 1 (on) or 0 (off)"),
    };

    void Loop()
    {
        // Implicit Scalars die young: gen0 collections find them at a fraction of a full collection's pause, which in a
        // process with a large heap (a test host) would stop the other threads most of the time; every 64th is full.
        for (long i = 0; !stopping; i++)
        {
            GC.Collect(i % 64 == 63 ? GC.MaxGeneration : 0, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            Interlocked.Increment(ref collections);
        }
    }

    public void Dispose()
    {
        stopping = true;
        thread.Join();
    }
}
