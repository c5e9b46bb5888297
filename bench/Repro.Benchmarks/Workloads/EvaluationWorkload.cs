using Repro.Metrics;
using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Benchmarks.Workloads;

/// <summary><see cref="Accuracy.Of"/> on the test images: the evaluation every table row starts with.</summary>
public sealed class EvaluationWorkload : Workload
{
    readonly Classifier model;
    readonly Tensor images;
    readonly Tensor labels;

    public EvaluationWorkload(WorkloadSpec spec, BenchInputs inputs) : base(spec)
    {
        model = inputs.Model(spec.Model);
        (images, labels) = inputs.Test(spec.Images);
    }

    public override void Run() => Accuracy.Of(model, images, labels, Spec.BatchSize);

    public override string Fingerprint() => Accuracy.Of(model, images, labels, Spec.BatchSize).ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public override void Dispose()
    {
        model.Dispose();
        base.Dispose();
    }
}
