using Repro.Attacks;
using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Benchmarks.Workloads;

/// <summary>FGSM or PGD-10 through the production <see cref="TransferAttackRunner"/> (evaluation mode, batches, final projection).</summary>
public sealed class TransferAttackWorkload : Workload
{
    readonly Classifier model;
    readonly ITransferAttack attack;
    readonly TransferAttackRunner runner;
    readonly Tensor images;
    readonly Tensor labels;

    public TransferAttackWorkload(WorkloadSpec spec, BenchInputs inputs) : base(spec)
    {
        var settings = new TransferAttackSettings { BatchSize = spec.BatchSize };
        model = inputs.Model(spec.Model);
        attack = spec.Kind == WorkloadKind.Fgsm ? new Fgsm(settings) : new Pgd(settings, seed: 0);
        runner = new TransferAttackRunner(settings);
        (images, labels) = inputs.Test(spec.Images);
    }

    public override void Run()
    {
        using var adversarial = runner.Run(attack, model, images, labels);
    }

    public override string Fingerprint()
    {
        using var adversarial = runner.Run(attack, model, images, labels);
        return WeightsHash.Of(adversarial);
    }

    public override void Dispose()
    {
        model.Dispose();
        (attack as IDisposable)?.Dispose();
        base.Dispose();
    }
}
