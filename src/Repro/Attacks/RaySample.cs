namespace Repro.Attacks;

/// <summary>
/// One sample's RayS search as a coroutine: <see cref="Run"/> yields the l-inf radius of its next query along the ray
/// it is testing, and reads the oracle's answer from <see cref="Adversarial"/> when resumed. Rays are ±1 sign vectors
/// held as managed arrays (a sample's state outlives every dispose scope of the driver).
/// </summary>
internal sealed class RaySample
{
    readonly ReadOnlyMemory<float> origin;
    readonly double epsilon;
    readonly double tolerance;
    float[] best;
    float[] ray;
    double bestRadius = double.PositiveInfinity;

    public RaySample(ReadOnlyMemory<float> origin, float[] initialRay, double epsilon, double tolerance, bool skipped)
    {
        this.origin = origin;
        best = initialRay;
        ray = initialRay;
        this.epsilon = epsilon;
        this.tolerance = tolerance;
        Skipped = skipped;
    }

    public bool Skipped { get; }
    public bool Fooled { get; private set; }
    public bool OutOfBudget { get; set; }

    /// <summary>Rays tested (the initial one and every block flip).</summary>
    public int Rays { get; private set; }

    /// <summary>The oracle's answer to the last yielded query: its label differs from the true label.</summary>
    public bool Adversarial { get; set; }

    /// <summary>The radii of the queries, in order; ends when the sample is fooled (an endless search otherwise: the budget stops it).</summary>
    public IEnumerable<double> Run()
    {
        foreach (var next in Candidates())
        {
            ray = next;
            Rays++;
            double low = 0, high;
            if (double.IsFinite(bestRadius))
            {
                // RayS's first check: a ray that does not fool at the best radius so far cannot improve on it.
                yield return bestRadius;
                if (!Adversarial) continue;
                high = bestRadius;
            }
            else high = double.PositiveInfinity;
            yield return epsilon;
            if (Adversarial) { Fooled = true; best = ray; bestRadius = epsilon; yield break; }
            low = epsilon;
            if (!double.IsFinite(high))
            {
                yield return 1;
                if (!Adversarial) continue;
                high = 1;
            }
            while (high - low > tolerance)
            {
                double middle = (low + high) / 2;
                yield return middle;
                if (Adversarial) high = middle;
                else low = middle;
            }
            if (high < bestRadius) { bestRadius = high; best = ray; }
        }
    }

    /// <summary>The initial ray, then the best ray with one block flipped: blocks of d/2^level, level by level (RayS).</summary>
    IEnumerable<float[]> Candidates()
    {
        yield return best;
        int d = best.Length;
        for (int level = 0; ; level++)
        {
            long blocks = 1L << Math.Min(level, 62);
            int size = (int)Math.Max(1, (d + blocks - 1) / blocks);
            for (long block = 0; block < blocks; block++)
            {
                long start = block * size;
                if (start >= d) break;
                int end = (int)Math.Min(d, start + size);
                var flipped = (float[])best.Clone();
                for (long i = start; i < end; i++) flipped[i] = -flipped[i];
                yield return flipped;
                if (end == d) break;
            }
        }
    }

    /// <summary>clip(x + radius · ray, 0, 1) into <paramref name="target"/>.</summary>
    public void Image(double radius, Span<float> target) => Write(ray, radius, target);

    /// <summary>The fooling image, else the best ray's image at eps.</summary>
    public void FinalImage(Span<float> target)
    {
        if (Skipped) origin.Span.CopyTo(target);
        else Write(best, epsilon, target);
    }

    void Write(float[] direction, double radius, Span<float> target)
    {
        var x = origin.Span;
        for (int i = 0; i < x.Length; i++) target[i] = (float)Math.Clamp(x[i] + radius * direction[i], 0.0, 1.0);
    }
}
