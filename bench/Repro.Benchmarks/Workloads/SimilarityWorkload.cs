using Repro.Metrics;
using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Benchmarks.Workloads;

/// <summary>One of Appendix D's metrics (<see cref="ModelSimilarity.Measure"/>) between the mini server and its 8-bit sibling.</summary>
public sealed class SimilarityWorkload : Workload
{
    readonly Classifier server;
    readonly Classifier device;
    readonly ModelSimilarity metric;
    readonly Tensor images;
    readonly Tensor labels;

    public SimilarityWorkload(WorkloadSpec spec, BenchInputs inputs) : base(spec)
    {
        server = inputs.Model(spec.Model);
        device = inputs.Model(spec.Other ?? throw new ArgumentException($"{spec.Name} names no second model"));
        metric = ModelSimilarity.All.Single(m => m.Key == spec.Metric);
        (images, labels) = inputs.Test(spec.Images);
    }

    double Measure() => metric.Measure(server, device, images, labels, Spec.BatchSize).Mean ?? double.NaN;

    public override void Run() => Measure();

    public override string Fingerprint() => Measure().ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public override void Dispose()
    {
        server.Dispose();
        device.Dispose();
        base.Dispose();
    }
}
