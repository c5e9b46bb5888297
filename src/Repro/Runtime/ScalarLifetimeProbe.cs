using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Runtime;

/// <summary>What <see cref="ScalarLifetimeProbe"/> saw: operations run, wrong values, native errors and collections forced.</summary>
public sealed record ScalarLifetimeReport(long Operations, long WrongValues, long Errors, string? FirstError, long Collections, TimeSpan Elapsed)
{
    public bool Survived => WrongValues == 0 && Errors == 0;

    public override string ToString() =>
        $"{Operations} operations with implicit Scalars on {Elapsed.TotalSeconds:0.0} s under {Collections} forced collections: " +
        (Survived ? "no error, every value right" : $"{Errors} native errors, {WrongValues} wrong values (first: {FirstError})");
}

/// <summary>
/// Runs TorchSharp operations whose Scalars are created implicitly (an add with its default alpha, a product with a
/// double, a clamp) on several threads while <see cref="GcStress"/> collects and finalizes continuously, and counts
/// native errors and wrong values. Without the keep-alive patch it fails within a second (measured here: 0.3-1 s on
/// 2 cores); with it, none in any number of runs.
/// </summary>
public static class ScalarLifetimeProbe
{
    public static ScalarLifetimeReport Run(TimeSpan duration, int threads = 2)
    {
        long operations = 0, wrong = 0, errors = 0;
        string? first = null;
        var clock = Stopwatch.StartNew();
        using var stress = GcStress.Start();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            using var outer = NewDisposeScope();
            var x = ones(64);
            var y = ones(64);
            while (clock.Elapsed < duration && Interlocked.Read(ref errors) == 0)
            {
                using var scope = NewDisposeScope();
                try
                {
                    for (int i = 0; i < 100; i++)
                    {
                        // 1 + 1 = 2, times 3 = 6, clamped to [0, 5] = 5 on each of 64 elements.
                        var sum = x.add(y).mul(3.0).clamp(0.0, 5.0).sum().item<float>();
                        if (sum != 64 * 5) Interlocked.Increment(ref wrong);
                        Interlocked.Increment(ref operations);
                    }
                }
                catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref first, Failures.NativeErrorText.FirstLine(e.Message), null);
                }
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return new ScalarLifetimeReport(operations, wrong, errors, first, stress.Collections, clock.Elapsed);
    }
}
