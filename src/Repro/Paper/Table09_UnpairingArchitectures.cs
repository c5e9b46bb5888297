using Repro.Models;
using Repro.Models.OnceForAll;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;
using Repro.Profiles;

namespace Repro.Paper;

/// <summary>
/// Table IX: new architectures (MobileNetV2, SqueezeNet, trained from scratch as in Table I) fine-tuned last
/// with the input-gradient penalty for 20% of the training epochs ("for 40 more epochs"). Also §VI-F, which
/// the paper reports only in its text, as the rows ofa/*: the most vulnerable OFA sub-network (2, 6, 7)
/// fine-tuned last for 10% of the epochs ("20 epochs") against the OFA (4, 6, 7) server, beside Table I's
/// undefended (2, 6, 7) row. Backs: FL unpairs MobileNetV2 and the OFA sub-network from their servers;
/// SqueezeNet, already far from the server, changes little.
/// Measured wall time (2 shared cores, Table I's models cached): mini (MobileNetV2 and OFA) about 3 minutes;
/// mini-full (adds SqueezeNet) about 4 minutes; warm cache, seconds.
/// </summary>
public sealed partial class Table09_UnpairingArchitectures : PaperExperiment
{

    /// <summary>Table IX's rows: each architecture and the label the paper prints.</summary>
    public static IReadOnlyList<(UnpairedArchitecture Architecture, string Label)> Architectures { get; } = new[] { (UnpairedArchitecture.MobileNetV2, "MobileNetV2"), (UnpairedArchitecture.SqueezeNet, "SqueezeNet") };

    /// <summary>§VI-F: "We consider the OFANet-267—the most vulnerable case".</summary>
    public static OfaSubnetConfig OfaOnDevice { get; } = new(2, 6, 7);

    public override ExperimentResult Run(RunContext context)
    {
        var settings = context.Profile.Unpairing;
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        var evaluator = context.Evaluator();
        foreach (var (architecture, label) in Architectures)
        {
            string id = architecture.Id();
            result.Row($"{id}/baseline", $"CIFAR10 | {label}", "Baseline");
            result.Row($"{id}/fl", $"CIFAR10 | {label}", "Ours (FL)");
            if (settings.Architectures.Contains(architecture)) continue;
            foreach (var row in new[] { $"{id}/baseline", $"{id}/fl" })
                result.NotMeasured(row, $"{label} is not among profile '{context.Profile.Name}''s architectures (Unpairing.Architectures = [{string.Join(", ", settings.Architectures.Select(a => a.Id()))}]); the paper-grid profiles run it");
        }
        result.Row("ofa/baseline", "OFA (4, 6, 7) on CIFAR10 (§VI-F) | OFA (2, 6, 7)", "Baseline");
        result.Row("ofa/fl", "OFA (4, 6, 7) on CIFAR10 (§VI-F) | OFA (2, 6, 7)", "Ours (FL)");
        if (!settings.OfaFinetuneLast)
            foreach (var row in new[] { "ofa/baseline", "ofa/fl" })
                result.NotMeasured(row, $"profile '{context.Profile.Name}' does not run §VI-F (Unpairing.OfaFinetuneLast = false); the paper-grid profiles run it");

        var work = new List<(string Id, ModelHandle Server, ModelHandle Device)>();
        foreach (int seed in context.Profile.Seeds)
        {
            var server = context.Zoo.Server(seed);
            foreach (var architecture in Architectures.Select(a => a.Architecture).Where(settings.Architectures.Contains))
            {
                string id = architecture.Id();
                var baseline = context.Zoo.Trained("manual", architecture.Spec(context.Profile), seed);
                work.Add(($"{id}/baseline", server, baseline));
                work.Add(($"{id}/fl", server, context.Unpaired.FinetunedLast(baseline, server, settings.ArchitectureFinetuneFraction, seed, $"{id} FL")));
            }
            if (settings.OfaFinetuneLast)
            {
                var ofaServer = context.Zoo.OfaSubnet(OfaSubnetConfig.Largest, seed);
                var subnet = context.Zoo.OfaSubnet(OfaOnDevice, seed);
                work.Add(("ofa/baseline", ofaServer, subnet));
                work.Add(("ofa/fl", ofaServer, context.Unpaired.FinetunedLast(subnet, ofaServer, settings.FinetuneFraction, seed, $"ofa {OfaOnDevice} FL")));
            }
        }
        // Each FL row waits for its baseline model; the OFA pair (the supernet's progressive shrinking first) is the costliest.
        UnpairingMeasurement.Warm(context, evaluator, work.OrderByDescending(w => w.Id.StartsWith("ofa/", StringComparison.Ordinal)).Select(w => (w.Server, w.Device)));
        foreach (var (id, server, device) in work) UnpairingMeasurement.Measure(result, evaluator, id, server, device);
        return result.Build();
    }
}
