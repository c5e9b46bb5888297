namespace Repro.Data;

/// <summary>
/// The fixed random draw of evaluation samples ("the same 1000 samples randomly chosen from the test data", §IV):
/// the same (total, count, seed) always gives the same indices, on any machine and .NET version. Indices come
/// back sorted ascending, so the drawn rows are read in the data set's own order.
/// </summary>
public static class SampleDraw
{
    private const long StreamTag = 0x5341_4D50_4C45; // "SAMPLE"

    /// <summary><paramref name="count"/> distinct indices from [0, <paramref name="total"/>), ascending.</summary>
    public static long[] Draw(int total, int count, int seed)
    {
        if (total < 0) throw new ArgumentOutOfRangeException(nameof(total), total, "must be >= 0");
        if (count < 0 || count > total)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"must be between 0 and the {total} samples available");
        var indices = new long[total];
        for (int i = 0; i < total; i++) indices[i] = i;
        var random = SplitMix64.ForStream(seed, StreamTag);
        // Partial Fisher–Yates: the first `count` positions end up a uniform random subset.
        for (int i = 0; i < count; i++)
        {
            int j = i + random.NextInt(total - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        var drawn = indices[..count];
        Array.Sort(drawn);
        return drawn;
    }

    /// <summary>The held-out rest: every index of [0, <paramref name="total"/>) that <see cref="Draw"/> with the same
    /// arguments does not return, ascending.</summary>
    public static long[] Remainder(int total, int count, int seed)
    {
        var drawn = new HashSet<long>(Draw(total, count, seed));
        var rest = new long[total - count];
        int k = 0;
        for (long i = 0; i < total; i++)
            if (!drawn.Contains(i)) rest[k++] = i;
        return rest;
    }
}
