using Repro.Metrics;
using Repro.Models.OnceForAll;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;

namespace Repro.Paper;

/// <summary>
/// Table I: vulnerability of the server when an on-device sibling is the attacker's prior.
/// For each row an on-device model f_o is made from the server f_s by one mechanism (§IV-A) and used
/// to craft FGSM / PGD-10 examples (RFR) and as P-RGF's transfer prior (# Queries, FR).
/// Backs §IV-B: quantized and pruned siblings transfer almost perfectly and cut P-RGF's queries from
/// thousands to about 13; models trained anew, other architectures and distillation help much less;
/// OFA sub-networks help nearly as much as quantization. The OFA group runs on CIFAR-10 with a
/// supernet trained here (the paper uses the published ImageNet supernet, which cannot be fetched
/// offline); the ImageNet group needs ImageNet and pretrained weights (ImageNetPairs).
/// Measured wall time, mini profile, cold cache, 2 idle cores (two workers): 13 minutes; warm cache: seconds.
/// </summary>
public sealed partial class Table01_OnDevicePriors : PaperExperiment
{

    /// <summary>
    /// A row of Table I: its server and on-device model for a seed (a null device: no prior), or the
    /// reason it cannot be measured in this run.
    /// </summary>
    public sealed record PriorRow(string Id, string Group, string Label,
        Func<RunContext, int, ModelHandle> Server, Func<RunContext, int, ModelHandle?> Device, Func<RunContext, string?>? Unavailable = null)
    {
        /// <summary>The images the row is evaluated on (default: the profile's CIFAR-10 test set).</summary>
        public Func<RunContext, EvaluationImages>? Images { get; init; }
    }

    static ModelHandle ResNetServer(RunContext c, int seed) => c.Zoo.Server(seed);
    static ModelHandle OfaServer(RunContext c, int seed) => c.Zoo.OfaSubnet(OfaSubnetConfig.Largest, seed);

    public static IReadOnlyList<PriorRow> CifarRows { get; } = new PriorRow[]
    {
        new("cifar10/as-is", "CIFAR10", "Baseline (as-is) — server architecture, no training", ResNetServer, (c, s) => c.Zoo.Server(s)),
        new("cifar10/a-new", "CIFAR10", "Baseline (a new) — server architecture, retrained", ResNetServer, (c, s) => c.Zoo.ANew(s)),
        new("cifar10/no-prior", "CIFAR10", "Baseline (no f_o)", ResNetServer, (_, _) => null),
        new("cifar10/quantization", "CIFAR10", "Quantization — server architecture (8-bit)", ResNetServer, (c, s) => c.Zoo.Quantized(s)),
        new("cifar10/pruning", "CIFAR10", "Pruning — server architecture (l1-unstructured)", ResNetServer, (c, s) => c.Zoo.Pruned(s)),
        new("cifar10/distillation-resnet18", "CIFAR10", "Distillation — ResNet18", ResNetServer, (c, s) => c.Zoo.Distilled(c.Profile.Models.ResNet18, s)),
        new("cifar10/distillation-nasnet", "CIFAR10", "Distillation — NASNet", ResNetServer, (c, s) => c.Zoo.Distilled(c.Profile.Models.NasNet, s)),
        new("cifar10/nas-nasnet", "CIFAR10", "NAS — NASNet, trained from scratch", ResNetServer, (c, s) => c.Zoo.Trained("nas", c.Profile.Models.NasNet, s)),
        new("cifar10/manual-mobilenetv2", "CIFAR10", "Manual-arch. — MobileNetV2, trained from scratch", ResNetServer, (c, s) => c.Zoo.Trained("manual", c.Profile.Models.MobileNetV2, s)),
        new("cifar10/manual-squeezenet", "CIFAR10", "Manual-arch. — SqueezeNet, trained from scratch", ResNetServer, (c, s) => c.Zoo.Trained("manual", c.Profile.Models.SqueezeNet, s)),
    };

    /// <summary>The OFA sub-networks Table I lists, as (depth, expand ratio, kernel) below the (4, 6, 7) server.</summary>
    public static IReadOnlyList<OfaSubnetConfig> OfaSubnets { get; } = new OfaSubnetConfig[]
    {
        new(4, 6, 3), new(4, 3, 3), new(2, 6, 7), new(2, 6, 3), new(2, 3, 7), new(2, 3, 3),
    };

    /// <summary>The row ids of <see cref="OfaSubnets"/>: "ofa/4-6-3", ...</summary>
    static IEnumerable<string> OfaSubnetRowIds() => OfaSubnets.Select(c => $"ofa/{c.Depth}-{c.ExpandRatio}-{c.KernelSize}");

    static string? OfaUnavailable(RunContext context) => context.Profile.Models.IncludeOnceForAll ? null
        : $"the OFA group does not run at the '{context.Profile.Name}' profile (Models.IncludeOnceForAll = false; see its deviations): it runs at 'mini-full' (Category CpuFull) and 'paper'";

    public static IReadOnlyList<PriorRow> OfaRows { get; } = new PriorRow[]
        {
            new("ofa/as-is", "OFA (4, 6, 7) on CIFAR10", "Baseline (as-is) — OFA (4, 6, 7)", OfaServer, (c, s) => c.Zoo.OfaSubnet(OfaSubnetConfig.Largest, s)),
            new("ofa/a-new", "OFA (4, 6, 7) on CIFAR10", "Baseline (a new) — MobileNetV2, trained from scratch", OfaServer, (c, s) => c.Zoo.Trained("manual", c.Profile.Models.MobileNetV2, s)),
            new("ofa/no-prior", "OFA (4, 6, 7) on CIFAR10", "Baseline (no f_o)", OfaServer, (_, _) => null),
        }
        .Concat(OfaSubnets.Select(config => new PriorRow(
            $"ofa/{config.Depth}-{config.ExpandRatio}-{config.KernelSize}", "OFA (4, 6, 7) on CIFAR10", $"Sub-network — OFA {config}",
            OfaServer, (c, s) => c.Zoo.OfaSubnet(config, s))))
        .Select(row => row with { Unavailable = OfaUnavailable })
        .ToList();

    /// <summary>
    /// Rows in the order parallel workers should take them: models trained from scratch by a slow architecture (NASNet's
    /// many depthwise branches, then MobileNetV2 and SqueezeNet) and the OFA supernet first, cheap derivations last,
    /// so that no long build starts when the other workers are about to idle.
    /// </summary>
    public static IEnumerable<PriorRow> CostliestFirst(IEnumerable<PriorRow> rows) =>
        rows.OrderByDescending(r => r.Id switch
        {
            _ when r.Id.StartsWith("ofa/", StringComparison.Ordinal) => 4,
            _ when r.Id.Contains("nasnet", StringComparison.Ordinal) => 3,
            _ when r.Id.Contains("mobilenetv2", StringComparison.Ordinal) || r.Id.Contains("squeezenet", StringComparison.Ordinal) => 2,
            _ when r.Id.Contains("distillation", StringComparison.Ordinal) || r.Id.EndsWith("/a-new", StringComparison.Ordinal) => 1,
            _ => 0,
        });

    public static IEnumerable<PriorRow> AllRows => CifarRows.Concat(ImageNetPairs.Rows).Concat(OfaRows);

    public override ExperimentResult Run(RunContext context)
    {
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        var rows = AllRows.ToList();
        foreach (var row in rows) result.Row(row.Id, row.Group, row.Label);
        // Models and evaluations first, on parallel workers (each cached); then the table, in order, from the cache.
        var available = rows.Where(r => r.Unavailable?.Invoke(context) is null).ToList();
        var evaluators = available.ToDictionary(r => r.Id, r => context.Evaluator(r.Images?.Invoke(context)));
        context.ForEach(CostliestFirst(available).SelectMany(r => context.Profile.Seeds.Select(seed => (Row: r, Seed: seed))),
            w => VulnerabilityMeasurement.Warm(evaluators[w.Row.Id], w.Row.Server(context, w.Seed), w.Row.Device(context, w.Seed)));
        foreach (var row in rows)
        {
            if (row.Unavailable?.Invoke(context) is { } reason)
            {
                result.NotMeasured(row.Id, reason);
                continue;
            }
            var evaluator = evaluators[row.Id];
            foreach (int seed in context.Profile.Seeds)
            {
                var server = row.Server(context, seed);
                var device = row.Device(context, seed);
                VulnerabilityMeasurement.Measure(result, evaluator, row.Id, server, device);
                if (row.Id.EndsWith("/as-is", StringComparison.Ordinal)) result.Add(row.Id, Metric.ServerAccuracy, evaluator.TestAccuracy(server));
                if (device is not null && context.Models.SummaryValue(device.Recipe, "sparsity") is double sparsity)
                    result.Add(row.Id, Metric.Sparsity, sparsity);
            }
        }
        return result.Build();
    }
}
