using Repro.Data;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Repro.Attacks;
using Repro.Progress;
using Repro.Metrics;
using TorchSharp;
using static TorchSharp.torch;
using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.Planning;

namespace Repro.Harness.Evaluation;

/// <summary>
/// Measures what one (server, on-device) pair gives an attacker, with the paper's protocol (§IV-A):
/// transfer attacks crafted on the on-device model and evaluated on the server, and P-RGF against the
/// server with the on-device model as its prior. Every evaluation is cached by the models' keys, the
/// attack settings and the sample set, so Table I, Figure 2 and the claims share one measurement.
/// </summary>
public sealed partial class PairEvaluator
{
    readonly TransferAttackSettings transfer;
    readonly QueryAttackSettings query;
    readonly EvaluationImages images;
    readonly Func<SimilaritySamples> similaritySamples;
    readonly ArtifactStore artifacts;
    readonly ModelStore models;
    readonly IProgressSink progress;
    readonly Device device;

    /// <param name="images">What the pairs are evaluated on: a test set, its attacked samples and their P-RGF subset.</param>
    /// <param name="similaritySamples">The samples Appendix D's similarities average over, read only when one is measured.</param>
    public PairEvaluator(TransferAttackSettings transfer, QueryAttackSettings query, EvaluationImages images, Func<SimilaritySamples> similaritySamples,
        ArtifactStore artifacts, ModelStore models, IProgressSink progress, Device device)
    {
        this.transfer = transfer;
        this.query = query;
        this.images = images;
        this.similaritySamples = similaritySamples;
        this.artifacts = artifacts;
        this.models = models;
        this.progress = progress;
        this.device = device;
    }

    /// <summary>FGSM and PGD-10 crafted on <paramref name="source"/> (white-box), evaluated on <paramref name="server"/>.</summary>
    public TransferOutcome Transfer(ModelHandle source, ModelHandle server)
    {
        var recipe = new EvaluationRecipe("transfer-eval", $"source={source.Key};server={server.Key}",
            Canon(transfer), SamplesId(images.AttackIndices));
        return Cached(recipe, () =>
        {
            var clock = Stopwatch.StartNew();
            var outcome = OnCraftedExamples(source, (x, labels, fgsmExamples, pgdExamples) => new TransferOutcome(
                Accuracy.Of(server.Model, x, labels),
                Accuracy.Of(server.Model, fgsmExamples, labels),
                Accuracy.Of(server.Model, pgdExamples, labels),
                Accuracy.Of(source.Model, x, labels),
                Accuracy.Of(source.Model, fgsmExamples, labels),
                Accuracy.Of(source.Model, pgdExamples, labels),
                clock.Elapsed.TotalSeconds));
            progress.Note($"transfer {source.Recipe.Role} -> {server.Recipe.Role} (seed {server.Recipe.Seed}): server accuracy {outcome.ServerClean:F1}% -> FGSM {outcome.ServerUnderFgsm:F1}%, PGD {outcome.ServerUnderPgd:F1}% ({outcome.Seconds:F0} s)");
            return outcome;
        }, new[] { source, server }, () => new TransferOutcome(100, 50, 50, 100, 0, 0, 0), () =>
        {
            double n = images.AttackIndices.Length;
            return Work.Of(
                Term(source, Pass.InputGradient, (1 + transfer.PgdSteps) * n, "FGSM and PGD steps"),
                Term(source, Pass.Forward, 3 * n, "its own accuracy"),
                Term(server, Pass.Forward, 3 * n, "the server's accuracy"));
        });
    }

    /// <summary>RFR of FGSM and PGD-10 for a source model against the server (S^s crafted on the server itself).</summary>
    public (double Fgsm, double Pgd) RelativeFoolingRates(ModelHandle source, ModelHandle server)
    {
        var transferred = Transfer(source, server);
        var whiteBox = Transfer(server, server);
        return (
            RelativeFoolingRate.Compute(transferred.ServerClean, transferred.ServerUnderFgsm, whiteBox.ServerUnderFgsm),
            RelativeFoolingRate.Compute(transferred.ServerClean, transferred.ServerUnderPgd, whiteBox.ServerUnderPgd));
    }

    /// <summary>
    /// <paramref name="measure"/> of the attacked samples (images, labels) and their FGSM and PGD-10 examples crafted on
    /// <paramref name="source"/> (the PGD seed is the source's): the one crafting that Table I's transfer and Table X's deviations share.
    /// </summary>
    T OnCraftedExamples<T>(ModelHandle source, Func<Tensor, Tensor, Tensor, Tensor, T> measure)
    {
        using var set = images.Test.Select(images.AttackIndices);
        using var x = set.Images.to(device);
        using var labels = set.Labels.to(device);
        var runner = new TransferAttackRunner(transfer);
        using var fgsmExamples = runner.Run(new Fgsm(transfer), source.Model, x, labels);
        using var pgd = new Pgd(transfer, seed: source.Recipe.Seed);
        using var pgdExamples = runner.Run(pgd, source.Model, x, labels);
        return measure(x, labels, fgsmExamples, pgdExamples);
    }

    /// <summary>
    /// Per attacked sample, how far FGSM and PGD-10 examples crafted on <paramref name="source"/> move <paramref name="target"/>'s
    /// logits (‖f_T(x') − f_T(x)‖₂): the terms of Liang et al.'s α1 (Appendix C). The examples are the very ones <see cref="Transfer"/> evaluates.
    /// </summary>
    public DeviationOutcome OutputDeviations(ModelHandle source, ModelHandle target)
    {
        var recipe = new EvaluationRecipe("deviation-eval", $"source={source.Key};target={target.Key}",
            Canon(transfer), SamplesId(images.AttackIndices));
        return Cached(recipe, () =>
        {
            var clock = Stopwatch.StartNew();
            var outcome = OnCraftedExamples(source, (x, _, fgsmExamples, pgdExamples) => new DeviationOutcome(
                AdversarialTransferability.OutputDeviations(target.Model, x, fgsmExamples),
                AdversarialTransferability.OutputDeviations(target.Model, x, pgdExamples),
                clock.Elapsed.TotalSeconds));
            progress.Note($"output deviation {source.Recipe.Role} -> {target.Recipe.Role} (seed {target.Recipe.Seed}): mean FGSM {outcome.UnderFgsm.Average():F3}, PGD {outcome.UnderPgd.Average():F3} ({outcome.Seconds:F0} s)");
            return outcome;
        }, new[] { source, target }, () =>
        {
            var ones = Enumerable.Repeat(1.0, images.AttackIndices.Length).ToArray();
            return new DeviationOutcome(ones, ones, 0);
        }, () =>
        {
            double n = images.AttackIndices.Length;
            return Work.Of(
                Term(source, Pass.InputGradient, (1 + transfer.PgdSteps) * n, "FGSM and PGD steps"),
                Term(target, Pass.Forward, 3 * n, "the target's logits"));
        });
    }

    /// <summary>Liang et al.'s α1 of FGSM and PGD-10 from <paramref name="source"/> to the server (its own examples as reference).</summary>
    public (TransferabilityEstimate Fgsm, TransferabilityEstimate Pgd) Alpha1(ModelHandle source, ModelHandle server)
    {
        var transferred = OutputDeviations(source, server);
        var own = OutputDeviations(server, server);
        return (AdversarialTransferability.Alpha1(transferred.UnderFgsm, own.UnderFgsm),
            AdversarialTransferability.Alpha1(transferred.UnderPgd, own.UnderPgd));
    }

    /// <summary>P-RGF against the server with <paramref name="prior"/> as the transfer prior; RGF when it is null.</summary>
    public QueryOutcome Query(ModelHandle? prior, ModelHandle server)
    {
        var recipe = new EvaluationRecipe("query-eval", $"prior={prior?.Key.ToString() ?? "none"};server={server.Key}",
            Canon(query), SamplesId(images.QueryIndices));
        return Cached(recipe, () =>
        {
            var clock = Stopwatch.StartNew();
            using var set = images.Test.Select(images.QueryIndices);
            using var x = set.Images.to(device);
            using var labels = set.Labels.to(device);
            var attack = new PriorGuidedRandomGradientFree(query);
            using var result = attack.Attack(server.Model, x, labels, prior?.Model, seed: server.Recipe.Seed);
            var outcome = new QueryOutcome(
                result.Outcomes.Count, result.Attacked, result.Fooled,
                result.Attacked == 0 ? null : FoolingRate.Compute(result.Outcomes), result.Attacked == 0 ? null : MeanQueries.OverAttacked(result.Outcomes, result.QueryBudget),
                MeanQueries.OverSuccesses(result.Outcomes),
                result.Attacked == 0 ? 0 : (double)result.Outcomes.Where(o => o.Attacked).Sum(o => o.ImagesSent) / result.Attacked,
                result.Outcomes.Count == 0 ? 0 : result.Outcomes.Max(o => o.QueriesCharged),
                result.QueryBudget, clock.Elapsed.TotalSeconds);
            progress.Note($"P-RGF prior {prior?.Recipe.Role ?? "none"} -> {server.Recipe.Role} (seed {server.Recipe.Seed}): FR {outcome.FoolingRate:F1}%, #Q {outcome.MeanQueries:F1} ({outcome.Seconds:F0} s)");
            return outcome;
        }, prior is null ? new[] { server } : new[] { prior, server },
            () => new QueryOutcome(images.QueryIndices.Length, images.QueryIndices.Length, 0, 50, 1, 1, 1, 1, query.QueryBudget, 0), () =>
        {
            // An upper bound: every sample spends the whole budget, one prior gradient per draw of q directions.
            double n = images.QueryIndices.Length;
            var queries = Work.Of(Term(server, Pass.Forward, n * query.QueryBudget, "queries (every sample spending the whole budget)", upperBound: true));
            return prior is null ? queries : queries.Plus(Work.Of(
                Term(prior, Pass.InputGradient, n * query.QueryBudget / (query.SamplesPerDraw + 1.0), "the prior's gradients (at most one per draw)", upperBound: true)));
        });
    }

    /// <summary>
    /// Appendix D's similarities (logits, input-gradients, penultimate activations) of <paramref name="device"/> to
    /// <paramref name="server"/>, each the mean cosine over the profile's similarity samples.
    /// </summary>
    public SimilarityOutcome Similarity(ModelHandle device, ModelHandle server)
    {
        var data = similaritySamples();
        var metrics = ModelSimilarity.All;
        var recipe = new EvaluationRecipe("similarity-eval", $"device={device.Key};server={server.Key}",
            $"metrics={string.Join(",", metrics.Select(m => m.Key))};split={data.Split}", SamplesId(data.Indices));
        return Cached(recipe, () =>
        {
            var clock = Stopwatch.StartNew();
            using var set = data.Source.Select(data.Indices);
            using var images = set.Images.to(this.device);
            using var labels = set.Labels.to(this.device);
            var measured = metrics.Select(m => m.Measure(server.Model, device.Model, images, labels)).ToList();
            var outcome = new SimilarityOutcome(measured, clock.Elapsed.TotalSeconds);
            progress.Note($"similarity {device.Recipe.Role} ~ {server.Recipe.Role} (seed {server.Recipe.Seed}): " +
                string.Join(", ", measured.Select(m => $"{m.Metric} {(m.Mean is double v ? v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "n/a")}")) +
                $" ({outcome.Seconds:F0} s)");
            return outcome;
        }, new[] { device, server }, () => new SimilarityOutcome(metrics.Select(m => new SimilarityMeasurement(m.Key, 0.5, data.Indices.Length, null)).ToList(), 0), () =>
        {
            double n = data.Indices.Length;
            return Work.Of(
                Term(device, Pass.InputGradient, n, "input-gradients"), Term(server, Pass.InputGradient, n, "input-gradients"),
                Term(device, Pass.Forward, 2 * n, "logits and activations"), Term(server, Pass.Forward, 2 * n, "logits and activations"));
        });
    }

    /// <summary>Test accuracy (percent) of a model, from its manifest when the build recorded it.</summary>
    public double TestAccuracy(ModelHandle model)
    {
        if (models.Planning is { Recording: true } planning)
        {
            planning.Read(model.Key);
            return 50;
        }
        var recorded = models.SummaryValue(model.Recipe, "test_accuracy");
        if (recorded is double stored) return stored;
        using var x = images.Test.Images.to(device);
        using var labels = images.Test.Labels.to(device);
        return Accuracy.Of(model.Model, x, labels);
    }

    /// <summary>
    /// The outcome of <paramref name="recipe"/> from the cache, else computed and stored. While a run is planned: recorded with the
    /// models it reads and its cost, and <paramref name="placeholder"/> returned (nothing is computed).
    /// </summary>
    T Cached<T>(EvaluationRecipe recipe, Func<T> compute, IReadOnlyList<ModelHandle> reads, Func<T> placeholder, Func<Work> work)
    {
        if (models.Planning is { Recording: true } planning)
        {
            planning.Evaluation(recipe, reads, () => Cached(recipe, compute), work());
            return placeholder();
        }
        return Cached(recipe, compute);
    }

    T Cached<T>(EvaluationRecipe recipe, Func<T> compute)
    {
        T? computed = default;
        var dir = artifacts.GetOrBuild(recipe, folder =>
        {
            computed = compute();
            File.WriteAllText(Path.Combine(folder, "outcome.json"), JsonSerializer.Serialize(computed, Json));
        });
        if (computed is not null) return computed;
        var path = Path.Combine(dir, "outcome.json");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new InvalidDataException("empty outcome");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new Artifacts.CorruptArtifactException($"cached evaluation '{path}' is corrupt ({e.Message}); delete '{dir}' to measure it again", e);
        }
    }

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    WorkTerm Term(ModelHandle model, Pass pass, double count, string what, bool upperBound = false) =>
        new(model.Recipe.Architecture, (int)images.Test.Images.shape[2], pass, count, what, upperBound);

    // Memory knobs (batch sizes) are marked NotInRecipe: they do not change an evaluation's outcome, so they share its cache entry.
    static string Canon(object settings) => Recipes.RecipeText.Settings(settings);

    string SamplesId(long[] indices) =>
        $"{images.Identity};n={indices.Length};" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(",", indices))))[..16];
}
