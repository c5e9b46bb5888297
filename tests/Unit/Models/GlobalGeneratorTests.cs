using Repro.Models;
using Repro.Unit.Fakes;

namespace Repro.Unit.Models;

public class GlobalGeneratorTests
{
    [Test]
    public void Create_SeededWhileAnotherThreadBuildsModels_GetsTheSameWeightsEveryTime()
    {
        var spec = new ResNetSpec(ResNetBlock.Basic, new[] { 1 }, 8, 1);
        var input = TinyImages.Shape(3, 8, 8);
        using var done = new CancellationTokenSource();
        // Another worker loading or cloning models: unseeded constructions that draw from the same generator.
        var other = Task.Run(() =>
        {
            while (!done.IsCancellationRequested) spec.Create(input, 10).Dispose();
        });
        var hashes = new HashSet<string>();
        for (int i = 0; i < 40; i++)
        {
            using var model = spec.Create(input, 10, seed: 7);
            hashes.Add(WeightsHash.Of(model));
        }
        done.Cancel();
        other.Wait();

        hashes.Should().ContainSingle("a seeded model's weights depend on its seed only, not on what else is being built");
    }
}
