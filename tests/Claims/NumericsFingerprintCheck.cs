using Repro.Harness;

namespace Repro.ClaimTests;

/// <summary>
/// The mini profile's first models and attacks hash to the bits committed in baselines/mini/fingerprint.json on any
/// x86-64 machine that runs the same kernel level and thread count (the kernel pin; README "Reproducibility").
/// Elsewhere (no AVX2, another architecture, `REPRO_CPU_KERNELS=native`, more threads) bits are not promised and the
/// check is inconclusive; the snapshot bands still compare the numbers.
/// </summary>
[TestFixture, Category("Cpu")]
public sealed class NumericsFingerprint_Mini
{
    [Test]
    public void Fingerprint_MatchesTheCommittedOne()
    {
        var paths = RepositoryPaths.Discover(AppContext.BaseDirectory);
        var path = Path.Combine(paths.Baselines, "mini", "fingerprint.json");
        var expected = NumericsFingerprint.Load(path);
        var context = ClaimsSession.RunFor("mini").Context;
        if (context.Environment.Numerics.Namespace != expected.CacheNamespace)
            Assert.Inconclusive($"this machine runs {context.Environment.Numerics.Namespace} ({context.Environment.Numerics.Pin}); {path} was recorded at " +
                $"{expected.CacheNamespace}: bits are promised only at the same kernel level and thread count");

        var measured = NumericsFingerprint.Measure(context);

        measured.Differences(expected).Should().BeEmpty(
            $"the pinned kernels must compute the committed bits ({expected.Numerics.ProcessorModel} recorded them; this is {measured.Numerics.ProcessorModel})");
    }
}
