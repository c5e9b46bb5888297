using Repro.Metrics;
using Repro.Defense;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;

namespace Repro.Paper;

/// <summary>
/// Table VII: similarity-unpairing combined with l1-unstructured pruning. Baseline: Table I's pruned server.
/// FF: Table III's input-gradient (λ = 1) fine-tune, then pruned by the same rule (raise sparsity in 5% steps
/// while its accuracy drop stays within the limit). FL: the pruned server fine-tuned with the penalty, its
/// pruning mask kept (Mechanisms/PruningMask), so the sparsity is the baseline's. The paper's JF
/// (variational dropout) "does not work" and has no row. Backs: FL and FF reduce the vulnerability; FL
/// keeps sparsity and accuracy; FF must stop at a lower sparsity. ImageNet rows are listed as not measured.
/// Measured wall time (2 shared cores, Table III's models cached): mini about 2 minutes; warm cache, seconds.
/// </summary>
public sealed partial class Table07_UnpairingPruning : PaperExperiment
{

    public override ExperimentResult Run(RunContext context)
    {
        var chosen = context.Profile.Unpairing.PruningStrategies;
        var columns = new[] { Columns.Accuracy, Columns.Sparsity, Columns.RfrFgsm, Columns.RfrPgd, Columns.Queries, Columns.FoolingRate };
        var result = new ResultBuilder(this, context, columns);
        var evaluator = context.Evaluator();
        StrategyRows.Declare(result, context.Profile.Name, "PruningStrategies", new[] { UnpairingStrategy.FinetuneFirst, UnpairingStrategy.FinetuneLast }, chosen);
        var work = context.Profile.Seeds.SelectMany(seed => chosen
            .Select(strategy => (Id: $"cifar10/{StrategyRows.Suffix(strategy)}", Server: context.Zoo.Server(seed), Device: context.Unpaired.Pruned(strategy, seed)))
            .Prepend((Id: "cifar10/baseline", Server: context.Zoo.Server(seed), Device: context.Zoo.Pruned(seed)))).ToList();
        UnpairingMeasurement.Warm(context, evaluator, work.Select(w => (w.Server, w.Device)).Reverse());
        foreach (var (id, server, device) in work) Measure(result, evaluator, id, server, device);
        return result.Build();
    }

    static void Measure(ResultBuilder result, PairEvaluator evaluator, string id, ModelHandle server, ModelHandle device)
    {
        UnpairingMeasurement.Measure(result, evaluator, id, server, device);
        // The share of prunable weights that are exactly zero, for every row alike (not the sparsity the search asked for:
        // global pruning at 35% zeroes floor(0.35 N) weights), so that FL's kept mask shows as the same number.
        result.Add(id, Metric.Sparsity, Mechanisms.L1UnstructuredPruning.Sparsity(device.Model));
    }
}
