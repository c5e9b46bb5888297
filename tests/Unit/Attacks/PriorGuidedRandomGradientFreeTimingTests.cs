using Repro.Metrics;
using System.Diagnostics;
using Repro.Attacks;
using Repro.Models;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Attacks;

/// <summary>Throughput of the batched attack on a small ResNet: run by hand, it prints seconds per 1000 images sent.</summary>
[Explicit("timing: about a minute of CPU"), Category("Slow")]
public class PriorGuidedRandomGradientFreeTimingTests
{
    [TestCase("P-RGF, as-is prior")]
    [TestCase("P-RGF, other ResNet")]
    [TestCase("RGF")]
    public void Attack_SmallResNet100Samples_PrintsSecondsPer1000Images(string variant)
    {
        using var scope = NewDisposeScope();
        var spec = new ResNetSpec(ResNetBlock.Basic, new[] { 1, 1, 1 }, 16, 2);
        random.manual_seed(1);
        var server = spec.Create(InputShape.Cifar10, 10);
        random.manual_seed(2);
        var other = spec.Create(InputShape.Cifar10, 10);
        var prior = variant switch { "RGF" => null, "P-RGF, as-is prior" => server, _ => other };
        var images = TinyImages.Uniform(100, InputShape.Cifar10, seed: 3);
        server.eval();
        Tensor labels;
        using (no_grad()) labels = server.forward(images).argmax(1);
        var attack = new PriorGuidedRandomGradientFree(new QueryAttackSettings { QueryBudget = 2000 });
        attack.Attack(server, images.narrow(0, 0, 2), labels.narrow(0, 0, 2), prior, seed: 0).Dispose();   // warm-up

        var clock = Stopwatch.StartNew();
        using var result = attack.Attack(server, images, labels, prior, seed: 0);
        clock.Stop();

        double perThousand = clock.Elapsed.TotalSeconds / result.TotalImagesSent * 1000;
        TestContext.Out.WriteLine(
            $"{variant}: {clock.Elapsed.TotalSeconds:F1} s, {result.TotalImagesSent} images sent, {perThousand:F3} s per 1000 images; " +
            $"FR {FoolingRate.Compute(result.Outcomes):F0} %, mean queries {MeanQueries.OverAttacked(result.Outcomes, result.QueryBudget):F1} (on success {MeanQueries.OverSuccesses(result.Outcomes):F1}), " +
            $"max iterations {result.Outcomes.Max(o => o.Iterations)}, threads {get_num_threads()}");
        result.Outcomes.Should().OnlyContain(o => o.QueriesCharged <= 2000);
    }
}
