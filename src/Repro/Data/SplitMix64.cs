namespace Repro.Data;

/// <summary>
/// The SplitMix64 generator (Steele, Lea and Flood, OOPSLA 2014): a tiny, fully specified PRNG.
/// Used instead of <see cref="Random"/> because every draw here (the embedded slice, the attacked test
/// samples, batch orders, augmentation) must give the same numbers on any .NET version, and the seeded
/// sequence of <see cref="Random"/> is not a documented contract.
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A generator for one named stream of <paramref name="seed"/> (e.g. seed, epoch, batch), so that
    /// streams do not depend on how many numbers other streams consumed.</summary>
    public static SplitMix64 ForStream(long seed, params long[] keys)
    {
        ulong state = Finalize(unchecked((ulong)seed));
        foreach (long key in keys)
            state = Finalize(state ^ Finalize(unchecked((ulong)key + 0x9E3779B97F4A7C15UL)));
        return new SplitMix64(state);
    }

    public ulong NextUInt64()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Finalize(_state);
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>), without modulo bias (rejection sampling).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "bound must be positive");
        ulong range = (ulong)bound;
        ulong limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong value;
        do value = NextUInt64(); while (value >= limit);
        return (int)(value % range);
    }

    public bool NextBool() => (NextUInt64() >> 63) != 0;

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Finalize(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
