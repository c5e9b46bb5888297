using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// One seeded generator per attacked sample, all seeded alike: the reference re-seeds its RNG with the same
/// seed for every image (PAPER-NOTES §3.8). A sample's draws therefore do not depend on which other samples
/// share its batch, so a batched run equals per-sample runs and is reproducible from one seed per call.
/// </summary>
internal sealed class SampleRandomStreams : IDisposable
{
    readonly Generator?[] generators;
    readonly ulong seed;
    readonly Device device;

    public SampleRandomStreams(int samples, long seed, Device device)
    {
        generators = new Generator?[samples];
        this.seed = unchecked((ulong)seed);
        this.device = device;
    }

    /// <summary>Standard normal draws [samples.Count * perSample, ..shape], sample by sample, each from its own stream.</summary>
    public Tensor Gaussian(IReadOnlyList<int> samples, int perSample, long[] shape)
    {
        var size = new long[shape.Length + 1];
        size[0] = perSample;
        shape.CopyTo(size, 1);
        using var scope = NewDisposeScope();
        var draws = samples.Select(s => randn(size, ScalarType.Float32, device, generator: For(s))).ToArray();
        return cat(draws, 0).MoveToOuterDisposeScope();
    }

    Generator For(int sample) => generators[sample] ??= new Generator(seed, device);

    public void Dispose()
    {
        foreach (var generator in generators) generator?.Dispose();
    }
}
