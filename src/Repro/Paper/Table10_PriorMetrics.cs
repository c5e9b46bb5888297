using Repro.Metrics;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;

namespace Repro.Paper;

/// <summary>
/// Table X (Appendix C): the vulnerability metrics of prior work on Table I's CIFAR-10 pairs, beside RFR. For each pair,
/// FGSM and PGD-10 examples crafted on f_o (Table I's transfer attacks, the same cached evaluations) give the accuracy
/// drop of f_s and of f_o, and the same examples give Liang et al.'s α1 ([66]) against f_s's own examples.
/// Backs Appendix C: [66]'s metric can rank PGD-10 below FGSM although PGD-10 is the stronger attack; RFR does not.
/// Measured wall time, mini profile, 2 shared cores, Table I's models and evaluations cached: 74 s
/// (only the output deviations are new: each pair's attacks are crafted again to read the server's logits).
/// </summary>
public sealed partial class Table10_PriorMetrics : PaperExperiment
{
    /// <summary>Table I's CIFAR-10 rows that have an on-device model (every row but "no f_o"), in Table I's order.</summary>
    public static IReadOnlyList<Table01_OnDevicePriors.PriorRow> Pairs { get; } =
        Table01_OnDevicePriors.CifarRows.Where(r => !r.Id.EndsWith("/no-prior", StringComparison.Ordinal)).ToList();

    public override ExperimentResult Run(RunContext context)
    {
        var result = new ResultBuilder(this, context, Table.Columns);
        foreach (var row in Pairs) result.Row(row.Id, row.Group, row.Label);
        // Table I's evaluator (the profile's CIFAR-10 test set): its transfer evaluations are shared from the cache.
        var evaluator = context.Evaluator();
        var work = Table01_OnDevicePriors.CostliestFirst(Pairs)
            .SelectMany(r => context.Profile.Seeds.Select(seed => (Server: r.Server(context, seed), Device: r.Device(context, seed)!))).ToList();
        context.ForEach(work, w => Warm(evaluator, w.Server, w.Device));
        foreach (var row in Pairs)
            foreach (int seed in context.Profile.Seeds)
                Measure(result, evaluator, row.Id, row.Server(context, seed), row.Device(context, seed)!);
        return result.Build();
    }

    static void Warm(PairEvaluator evaluator, ModelHandle server, ModelHandle device)
    {
        evaluator.TestAccuracy(device);
        evaluator.Transfer(device, server);
        evaluator.Transfer(server, server);
        evaluator.OutputDeviations(device, server);
        evaluator.OutputDeviations(server, server);
    }

    static void Measure(ResultBuilder result, PairEvaluator evaluator, string rowId, ModelHandle server, ModelHandle device)
    {
        result.Uses(server, device);
        int seed = server.Recipe.Seed;
        result.Add(rowId, Metric.Accuracy, evaluator.TestAccuracy(device));
        var transferred = evaluator.Transfer(device, server);
        result.Add(rowId, Metric.AccDropServerFgsm, AccuracyDrop.Points(transferred.ServerClean, transferred.ServerUnderFgsm));
        result.Add(rowId, Metric.AccDropServerPgd10, AccuracyDrop.Points(transferred.ServerClean, transferred.ServerUnderPgd));
        result.Add(rowId, Metric.AccDropDeviceFgsm, AccuracyDrop.Points(transferred.SourceClean, transferred.SourceUnderFgsm));
        result.Add(rowId, Metric.AccDropDevicePgd10, AccuracyDrop.Points(transferred.SourceClean, transferred.SourceUnderPgd));
        try
        {
            var (fgsm, pgd) = evaluator.RelativeFoolingRates(device, server);
            result.Add(rowId, Metric.RfrFgsm, fgsm);
            result.Add(rowId, Metric.RfrPgd10, pgd);
        }
        catch (ArithmeticException e)
        {
            result.Detail(rowId, $"rfr_undefined_seed{seed}", e.Message);
        }
        try
        {
            var (fgsm, pgd) = evaluator.Alpha1(device, server);
            result.Add(rowId, Metric.LiangFgsm, fgsm.Value);
            result.Add(rowId, Metric.LiangPgd10, pgd.Value);
            if (fgsm.Undefined + pgd.Undefined > 0)
                result.Detail(rowId, $"liang_samples_left_out_seed{seed}",
                    $"FGSM {fgsm.Undefined}, PGD-10 {pgd.Undefined} of {fgsm.Samples + fgsm.Undefined} samples: the server's own attack left its logits unchanged there");
        }
        catch (ArithmeticException e)
        {
            result.Detail(rowId, $"liang_undefined_seed{seed}", e.Message);
        }
    }
}
