using Repro.Experiments.Evaluation;
using Repro.Reporting;

namespace Repro.Experiments;

/// <summary>
/// Table I: vulnerability of the server when an on-device sibling is the attacker's prior.
/// For each row an on-device model f_o is made from the server f_s by one mechanism (§IV-A) and used
/// to craft FGSM / PGD-10 examples (RFR) and as P-RGF's transfer prior (# Queries, FR).
/// Backs the claims "quantized and pruned siblings transfer almost perfectly (RFR 0.9–1.0) and cut
/// P-RGF's queries from thousands to about 13", and "a model trained anew lies in between".
/// Measured wall time: mini profile, cold cache, about 5 minutes on 2 cores; warm cache, seconds.
/// </summary>
public sealed class Table01_OnDevicePriors : IExperiment
{
    public string Name => nameof(Table01_OnDevicePriors);
    public string PaperReference => "Table I";
    public string Title => "Vulnerability to black-box attacks when on-device models are used as priors";

    /// <summary>A row of Table I: how its on-device model is made from the zoo for a seed (null: no prior).</summary>
    public sealed record PriorRow(string Id, string Group, string Label, Func<ModelZoo, int, ModelHandle?> Device);

    public static IReadOnlyList<PriorRow> CifarRows { get; } = new PriorRow[]
    {
        new("cifar10/as-is", "CIFAR10", "Baseline (as-is) — server architecture, no training", (zoo, seed) => zoo.Server(seed)),
        new("cifar10/a-new", "CIFAR10", "Baseline (a new) — server architecture, retrained", (zoo, seed) => zoo.ANew(seed)),
        new("cifar10/no-prior", "CIFAR10", "Baseline (no f_o)", (_, _) => null),
        new("cifar10/quantization", "CIFAR10", "Quantization — server architecture (8-bit)", (zoo, seed) => zoo.Quantized(seed)),
        new("cifar10/pruning", "CIFAR10", "Pruning — server architecture (l1-unstructured)", (zoo, seed) => zoo.Pruned(seed)),
    };

    public ExperimentResult Run(RunContext context)
    {
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        var evaluator = new PairEvaluator(context);
        foreach (var row in CifarRows) result.Row(row.Id, row.Group, row.Label);
        foreach (int seed in context.Profile.Seeds)
        {
            var server = context.Zoo.Server(seed);
            foreach (var row in CifarRows)
            {
                var device = row.Device(context.Zoo, seed);
                VulnerabilityMeasurement.Measure(result, evaluator, row.Id, server, device);
                if (row.Id == "cifar10/pruning" && device is not null && context.Models.SummaryValue(device.Recipe, "sparsity") is double sparsity)
                    result.Add(row.Id, "sparsity", sparsity);
            }
            result.Add("cifar10/as-is", "server_accuracy", evaluator.TestAccuracy(server));
        }
        return result.Build();
    }
}
