using System.Diagnostics;
using Repro.Attacks;
using Repro.Metrics;
using Repro.Profiles;
using Repro.Remote;
using TorchSharp;
using static TorchSharp.torch;
using Repro.Harness.Planning;

namespace Repro.Harness.Evaluation;

/// <summary>
/// Table II's evaluations (§IV-C), against a cloud model that answers top-1 labels of 8-bit images: the transfer attacks
/// with their examples rounded to 8 bits, and the label-only query attack (RayS) with an on-device prior. The server's
/// answers come from the <see cref="LabelOnlyEndpoint"/> over HTTP, counted as queries; cached like every evaluation.
/// </summary>
public sealed partial class PairEvaluator
{
    /// <summary>The tag of the served model's answer mode in cache keys: the same attack against a score server is another evaluation.</summary>
    const string LabelOnlyAnswers = "answers=label-only-uint8";

    /// <summary>
    /// FGSM and PGD-10 crafted on <paramref name="source"/> (white-box; the server itself for RFR's S^s), rounded to 8 bits and
    /// labelled by the cloud model: one clean and two adversarial images per attacked sample.
    /// </summary>
    public RoundedTransferOutcome RoundedTransfer(ModelHandle source, LabelOnlyEndpoint cloud)
    {
        var server = cloud.Server;
        var recipe = new EvaluationRecipe("rounded-transfer-eval", $"source={source.Key};server={server.Key};{LabelOnlyAnswers}",
            Canon(transfer), SamplesId(images.AttackIndices));
        return Cached(recipe, () =>
        {
            var clock = Stopwatch.StartNew();
            var outcome = OnCraftedExamples(source, (x, labels, fgsmExamples, pgdExamples) =>
            {
                int n = (int)x.shape[0];
                var truth = labels.cpu().data<long>().ToArray();
                var tags = Enumerable.Range(0, n).ToArray();
                var ((clean, fgsm, pgd), traffic) = cloud.Attack(n, 2, chargeClean: false, $"transfer from {source.Key}", oracle =>
                    (oracle.LabelsOfClean(x, tags), oracle.Labels(fgsmExamples, tags), oracle.Labels(pgdExamples, tags)));
                return new RoundedTransferOutcome(
                    PercentCorrect(clean, truth), PercentCorrect(fgsm, truth), PercentCorrect(pgd, truth),
                    ShareMovedByRounding(fgsmExamples), ShareMovedByRounding(pgdExamples), traffic.ImagesOverNetwork, clock.Elapsed.TotalSeconds);
            });
            progress.Note($"8-bit transfer {source.Recipe.Role} -> {server.Recipe.Role} (label-only server, seed {server.Recipe.Seed}): accuracy {outcome.ServerClean:F1}% -> " +
                $"FGSM {outcome.ServerUnderFgsm:F1}%, PGD {outcome.ServerUnderPgd:F1}%; pixels moved by rounding: FGSM {outcome.FgsmPixelsRounded:P2}, PGD {outcome.PgdPixelsRounded:P2} ({outcome.Seconds:F0} s)");
            return outcome;
        }, new[] { source, server }, () => new RoundedTransferOutcome(100, 50, 50, 0, 0, 0, 0), () =>
        {
            double n = images.AttackIndices.Length;
            return Work.Of(
                Term(source, Pass.InputGradient, (1 + transfer.PgdSteps) * n, "FGSM and PGD steps"),
                Term(server, Pass.Forward, 3 * n, "the cloud model's labels"));
        });
    }

    /// <summary>RFR of 8-bit FGSM and PGD-10 examples from <paramref name="source"/> against the cloud model (S^s: its own rounded white-box examples).</summary>
    public (double Fgsm, double Pgd) RoundedRelativeFoolingRates(ModelHandle source, LabelOnlyEndpoint cloud)
    {
        var transferred = RoundedTransfer(source, cloud);
        var whiteBox = RoundedTransfer(cloud.Server, cloud);
        return (
            RelativeFoolingRate.Compute(transferred.ServerClean, transferred.ServerUnderFgsm, whiteBox.ServerUnderFgsm),
            RelativeFoolingRate.Compute(transferred.ServerClean, transferred.ServerUnderPgd, whiteBox.ServerUnderPgd));
    }

    /// <summary>
    /// RayS against the cloud model on the first <see cref="LabelOnlySettings.QueryAttackSamples"/> query samples, its first ray
    /// the sign of <paramref name="prior"/>'s input-gradient (none: the all-ones ray).
    /// </summary>
    public QueryOutcome LabelOnlyQuery(ModelHandle? prior, LabelOnlyEndpoint cloud, LabelOnlySettings settings)
    {
        var server = cloud.Server;
        var indices = LabelOnlyQueryIndices(settings);
        var recipe = new EvaluationRecipe("label-only-query-eval", $"prior={prior?.Key.ToString() ?? "none"};server={server.Key};{LabelOnlyAnswers}",
            $"rays({Canon(settings.Search)});budget={settings.QueryBudget};charge-clean={query.ChargeInitialQuery}", SamplesId(indices));
        return Cached(recipe, () =>
        {
            var clock = Stopwatch.StartNew();
            using var set = images.Test.Select(indices);
            using var x = set.Images.to(device);
            using var labels = set.Labels.to(device);
            var attack = new RaySearch(settings.Search);
            var (outcome, traffic) = cloud.Attack(indices.Length, settings.QueryBudget, query.ChargeInitialQuery, $"rays prior={prior?.Key.ToString() ?? "none"}", oracle =>
            {
                using var result = attack.Attack(oracle, x, labels, prior?.Model);
                return new QueryOutcome(
                    result.Outcomes.Count, result.Attacked, result.Fooled,
                    result.Attacked == 0 ? null : FoolingRate.Compute(result.Outcomes), result.Attacked == 0 ? null : MeanQueries.OverAttacked(result.Outcomes, result.QueryBudget),
                    MeanQueries.OverSuccesses(result.Outcomes),
                    result.Attacked == 0 ? 0 : (double)result.Outcomes.Where(o => o.Attacked).Sum(o => o.ImagesSent) / result.Attacked,
                    result.Outcomes.Count == 0 ? 0 : result.Outcomes.Max(o => o.QueriesCharged),
                    result.QueryBudget, 0);
            });
            outcome = outcome with { Seconds = clock.Elapsed.TotalSeconds };
            progress.Note($"RayS prior {prior?.Recipe.Role ?? "none"} -> {server.Recipe.Role} (label-only 8-bit server, seed {server.Recipe.Seed}): FR {outcome.FoolingRate:F1}%, " +
                $"#Q {outcome.MeanQueries:F1}; {traffic.Describe()} ({outcome.Seconds:F0} s)");
            return outcome;
        }, prior is null ? new[] { server } : new[] { prior, server },
            () => new QueryOutcome(indices.Length, indices.Length, 0, 50, 1, 1, 1, 1, settings.QueryBudget, 0), () =>
        {
            // An upper bound: every sample spends the whole budget; the prior's gradient once per sample.
            double n = indices.Length;
            var queries = Work.Of(Term(server, Pass.Forward, n * settings.QueryBudget, "label queries (every sample spending the whole budget)", upperBound: true));
            return prior is null ? queries : queries.Plus(Work.Of(Term(prior, Pass.InputGradient, n, "the prior's gradient (the first ray)")));
        });
    }

    /// <summary>The label-only attack's samples: the first of the P-RGF query samples, in draw order.</summary>
    long[] LabelOnlyQueryIndices(LabelOnlySettings settings)
    {
        if (settings.QueryAttackSamples < 1 || settings.QueryAttackSamples > images.QueryIndices.Length)
            throw new ArgumentException($"LabelOnly.QueryAttackSamples = {settings.QueryAttackSamples} must be between 1 and the {images.QueryIndices.Length} query samples (Data.QueryAttackSamples)");
        return images.QueryIndices.Take(settings.QueryAttackSamples).ToArray();
    }

    static double PercentCorrect(long[] predicted, long[] truth) => 100.0 * predicted.Zip(truth).Count(p => p.First == p.Second) / truth.Length;

    /// <summary>The share of pixels whose value rounding to 8 bits moves (by more than float32's error on the 8-bit grid).</summary>
    static double ShareMovedByRounding(Tensor examples)
    {
        using var scope = NewDisposeScope();
        using Scalar tolerance = 1e-5;
        var moved = (EightBitPixels.Round(examples) - examples).abs().gt(tolerance);
        return moved.to(ScalarType.Float64).mean().item<double>();
    }
}
