using Repro.Attacks;
using Repro.Models;
using Repro.Profiles;
using static TorchSharp.torch;

namespace Repro.Benchmarks.Workloads;

/// <summary>
/// The first outer iteration of P-RGF (optimal λ, the mini profile's query settings) over a batch of samples,
/// the half-width mini ResNet as transfer prior: the clean-image queries, the prior's input-gradients, the
/// gradient-norm probes, the prior probe, the q-direction estimate and the step's evaluation.
/// </summary>
public sealed class PriorGuidedIterationWorkload : Workload
{
    readonly Classifier server;
    readonly Classifier prior;
    readonly PriorGuidedRandomGradientFree attack;
    readonly Tensor images;
    readonly Tensor labels;

    public PriorGuidedIterationWorkload(WorkloadSpec spec, BenchInputs inputs) : base(spec)
    {
        server = inputs.Model(spec.Model);
        prior = inputs.Model(spec.Other ?? throw new ArgumentException($"{spec.Name} names no prior"));
        attack = new PriorGuidedRandomGradientFree(MiniProfile.Create().Query with { OracleBatchSize = spec.BatchSize });
        (images, labels) = inputs.Test(spec.Images);
    }

    QueryAttackResult Attack() =>
        attack.Attack(new CountingQueryOracle(server, (int)images.shape[0], attack.Settings), images, labels, prior, seed: 0, keepAdversarialImages: true, iterations: 1);

    public override void Run()
    {
        using var result = Attack();
    }

    public override string Fingerprint()
    {
        using var result = Attack();
        return $"{WeightsHash.Of(result.AdversarialImages!)} sent {result.TotalImagesSent} fooled {result.Fooled}";
    }

    public override void Dispose()
    {
        server.Dispose();
        prior.Dispose();
        base.Dispose();
    }
}
