using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Benchmarks.Workloads;

/// <summary>Logits of the test images in batches, evaluation mode, no gradients: what calibration, oracles and evaluations run.</summary>
public sealed class ForwardWorkload : Workload
{
    readonly Classifier model;
    readonly Tensor images;

    public ForwardWorkload(WorkloadSpec spec, BenchInputs inputs) : base(spec)
    {
        model = inputs.Model(spec.Model);
        (images, _) = inputs.Test(spec.Images);
    }

    Tensor Logits()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var chunks = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += Spec.BatchSize)
            chunks.Add(model.forward(images.narrow(0, start, Math.Min(Spec.BatchSize, images.shape[0] - start))));
        return cat(chunks, 0).MoveToOuterDisposeScope();
    }

    public override void Run()
    {
        using var logits = Logits();
    }

    public override string Fingerprint()
    {
        using var logits = Logits();
        return WeightsHash.Of(logits);
    }

    public override void Dispose()
    {
        model.Dispose();
        base.Dispose();
    }
}
