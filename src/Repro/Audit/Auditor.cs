using System.Diagnostics;
using System.Globalization;
using Repro.Attacks;
using Repro.Metrics;
using Repro.Models;
using Repro.Progress;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Audit;

/// <summary>
/// Measures what publishing an on-device sibling D gives an attacker of the server S, with the paper's protocol (§IV-A):
/// clean accuracy and agreement, Appendix D's similarities (white-box S), FGSM and PGD-10 crafted on D and evaluated on
/// S (RFR), and P-RGF against S with D as the prior versus RGF without it; against a server that answers labels only,
/// RayS with D's gradient sign as its first ray versus RayS's own start (Table II's setting). For a hardened D (or on
/// request) also the adaptive attacks that undo the paper's penalty: D's gradient negated, for crafting and as the
/// prior. Each stage (and each chunk of query-attack samples) is checkpointed, so a killed audit continues; a remote
/// server's queries are journaled under the checkpoint's key and stage, so the rerun does not pay for them again.
/// </summary>
public sealed class Auditor(AuditSettings settings, IProgressSink progress)
{
    public const string ScoreAttack = "P-RGF";
    public const string LabelAttack = "RayS";

    public AuditReport Run(IAuditServer server, Classifier device, string? hardening, AuditImages images, AuditCheckpoint checkpoint)
    {
        if (settings.Problems() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems));
        if (server.Classes != device.Classes)
            throw new ArgumentException($"the server ({server.Name}) has {server.Classes} classes and the on-device model ({device.Architecture.DisplayName}) {device.Classes}");
        var clock = Stopwatch.StartNew();
        checkpoint.Note ??= progress.Note;
        bool adaptive = settings.Adaptive || hardening is not null;
        device.eval();
        server.WhiteBox?.eval();

        var accuracy = checkpoint.Stage("accuracy", () => Accuracy(server, device, images));
        progress.Note($"clean accuracy: server {accuracy.Server:F1}%, on-device {accuracy.Device:F1}%, top-1 agreement {accuracy.Agreement:F1}%");
        var similarities = checkpoint.Stage("similarity", () => Similarities(server, device, images));
        var transfers = new List<TransferResult>();
        transfers.AddRange(checkpoint.Stage("transfer", () => Transfer(server, device, "on-device", images)));
        if (adaptive)
            using (var reversed = new GradientReversal(device))
                transfers.AddRange(checkpoint.Stage("transfer-adaptive", () => Transfer(server, reversed, "on-device, gradient negated", images)));
        foreach (var t in transfers)
            progress.Note($"{t.Attack} from {t.Source}: server accuracy {t.ServerClean:F1}% -> {t.ServerUnderTransfer:F1}%" + (t.Rfr is double r ? $", RFR {r:F2}" : ""));

        var queries = new List<QueryResult>();
        string attack = server.ScoresUnavailable is null ? ScoreAttack : LabelAttack;
        if (server.ScoresUnavailable is { } noScores)
            progress.Note($"label-only attack (RayS) instead of P-RGF: {noScores}");
        queries.Add(Query(server, device, AuditReport.WithPrior, $"{device.Architecture.DisplayName} as the prior", images, checkpoint));
        // No prior: the same attack for every sibling of this server, so its stages are keyed without the sibling and
        // re-auditing a hardened sibling (each λ of a sweep) reuses them.
        var noPrior = checkpoint.Beside($"no-prior|{server.Identity}|{images.Identity}|{(settings with { Adaptive = false }).Describe()}");
        queries.Add(Query(server, null, AuditReport.WithoutPrior, attack == ScoreAttack ? "no prior (RGF)" : "no prior (RayS's all-ones start)", images, noPrior));
        if (adaptive)
            using (var reversed = new GradientReversal(device))
                queries.Add(Query(server, reversed, AuditReport.NegatedPrior, $"{device.Architecture.DisplayName}'s gradient negated as the prior (adaptive)", images, checkpoint));
        if (server.Traffic is { } traffic) progress.Note($"server traffic: {traffic.Describe()}");

        return new AuditReport
        {
            Server = server.Name,
            ServerIdentity = server.Identity,
            Device = device.Architecture.DisplayName,
            DeviceIdentity = device.Architecture.Describe(),
            DeviceHardening = hardening,
            Data = images.Identity,
            Settings = settings.Describe(),
            AttackSamples = images.AttackIndices.Length,
            QuerySamples = images.QueryIndices.Length,
            Epsilon = settings.Transfer.Epsilon,
            QueryBudget = settings.Query.QueryBudget,
            Accuracy = accuracy,
            Similarities = similarities,
            Transfers = transfers,
            Queries = queries,
            Headline = Headline(server.Name, device.Architecture.DisplayName, queries, attack),
            AdaptiveAttacks = adaptive,
            QueryAttack = attack,
            Traffic = server.Traffic,
            Seconds = clock.Elapsed.TotalSeconds,
            CreatedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    AccuracyResult Accuracy(IAuditServer server, Classifier device, AuditImages images)
    {
        using var scope = NewDisposeScope();
        var x = images.Test.Images;
        var labels = images.Test.Labels;
        var s = server.Predict(x);
        var d = Predict(device, x);
        double Percent(Tensor hits) => hits.to_type(ScalarType.Float64).mean().item<double>() * 100;
        return new AccuracyResult(Percent(s.eq(labels)), Percent(d.eq(labels)), Percent(s.eq(d)), images.Test.Count);
    }

    IReadOnlyList<SimilarityResult> Similarities(IAuditServer server, Classifier device, AuditImages images)
    {
        int n = Math.Min(settings.SimilaritySamples, images.AttackIndices.Length);
        if (server.WhiteBox is not { } white)
            return ModelSimilarity.All.Select(m => new SimilarityResult(m.Key, null, n, $"not measurable: {server.WhiteBoxUnavailable}")).ToList();
        using var set = images.Test.Select(images.AttackIndices.Take(n).ToArray());
        progress.Note($"similarities over {n} images");
        return ModelSimilarity.All.Select(m =>
        {
            var measured = m.Measure(white, device, set.Images, set.Labels);
            return new SimilarityResult(m.Key, measured.Mean, n, measured.Mean is null ? $"not measurable: {measured.NotComparableReason}" : null);
        }).ToList();
    }

    List<TransferResult> Transfer(IAuditServer server, Classifier source, string sourceLabel, AuditImages images)
    {
        using var set = images.Test.Select(images.AttackIndices);
        var runner = new TransferAttackRunner(settings.Transfer);
        var results = new List<TransferResult>();
        using var cleanPredictions = server.Predict(set.Images);
        double clean = Percent(cleanPredictions, set.Labels);
        var attacks = new (string Name, Func<ITransferAttack> Create)[]
        {
            ("FGSM", () => new Fgsm(settings.Transfer)),
            ($"PGD-{settings.Transfer.PgdSteps}", () => new Pgd(settings.Transfer, seed: settings.AttackSeed)),
        };
        for (int i = 0; i < attacks.Length; i++)
        {
            var (name, create) = attacks[i];
            progress.Report($"transfer attacks from {sourceLabel}", i, attacks.Length, name);
            var attack = create();
            try
            {
                using var transferred = runner.Run(attack, source, set.Images, set.Labels);
                using var underTransfer = server.Predict(transferred);
                double transferAccuracy = Percent(underTransfer, set.Labels);
                double? whiteBoxAccuracy = null;
                double? rfr = null;
                string? rfrMissing = server.WhiteBoxUnavailable is { } why ? $"not measurable: {why}" : null;
                if (server.WhiteBox is { } white)
                {
                    using var own = runner.Run(attack, white, set.Images, set.Labels);
                    using var underOwn = server.Predict(own);
                    whiteBoxAccuracy = Percent(underOwn, set.Labels);
                    try { rfr = RelativeFoolingRate.Compute(clean, transferAccuracy, whiteBoxAccuracy.Value); }
                    catch (ArithmeticException e) { rfrMissing = $"undefined: {e.Message}"; }
                }
                results.Add(new TransferResult(name, sourceLabel, set.Count, clean, transferAccuracy, whiteBoxAccuracy, rfr, rfrMissing));
            }
            finally { (attack as IDisposable)?.Dispose(); }
        }
        progress.Report($"transfer attacks from {sourceLabel}", attacks.Length, attacks.Length);
        return results;
    }

    QueryResult Query(IAuditServer server, Classifier? prior, string label, string priorText, AuditImages images, AuditCheckpoint checkpoint)
    {
        var indices = images.QueryIndices;
        int chunk = settings.QueryChunk;
        var samples = new List<QuerySample>();
        bool labelOnly = server.ScoresUnavailable is not null;
        string task = $"{(labelOnly ? LabelAttack : ScoreAttack)}, {priorText}";
        for (int start = 0; start < indices.Length; start += chunk)
        {
            var part = indices.Skip(start).Take(chunk).ToArray();
            progress.Report(task, start, indices.Length, $"{samples.Count(s => s.Fooled)} fooled so far");
            // The stage's name is also the run a remote server's queries are journaled under: stable across reruns.
            string stage = $"{(labelOnly ? "rays" : "query")}-{label}-{start:D5}";
            string run = $"{checkpoint.Key}/{stage}";
            samples.AddRange(checkpoint.Stage(stage, () => labelOnly ? LabelChunk(server, prior, images, part, run) : QueryChunk(server, prior, images, part, run)));
        }
        progress.Report(task, indices.Length, indices.Length);
        var attacked = samples.Where(s => s.Attacked).ToList();
        long budget = settings.Query.QueryBudget;
        if (attacked.Count == 0)
            return new QueryResult(label, priorText, budget, samples, null, null, null, null);
        int seed = settings.SampleSeed;
        double Charged(QuerySample s) => s.Fooled ? s.Queries : budget;
        var fooled = attacked.Where(s => s.Fooled).ToList();
        return new QueryResult(label, priorText, budget, samples,
            Bootstrap.Of(attacked, d => 100.0 * d.Count(s => s.Fooled) / d.Count, settings.BootstrapResamples, seed),
            Bootstrap.Of(attacked, d => d.Average(Charged), settings.BootstrapResamples, seed),
            Bootstrap.Of(attacked, d => Bootstrap.Median(d.Select(Charged)), settings.BootstrapResamples, seed),
            fooled.Count == 0 ? null : fooled.Average(s => (double)s.Queries));
    }

    List<QuerySample> QueryChunk(IAuditServer server, Classifier? prior, AuditImages images, long[] indices, string run)
    {
        using var set = images.Test.Select(indices);
        var oracle = server.ScoreOracle(indices.Length, settings.Query, run);
        var attack = new PriorGuidedRandomGradientFree(settings.Query);
        using var result = attack.Attack(oracle, set.Images, set.Labels, prior, settings.AttackSeed);
        return result.Outcomes.Select(o => new QuerySample(o.Attacked, o.Attacked && o.Fooled, o.QueriesCharged)).ToList();
    }

    /// <summary>RayS (no random draws: the seed plays no part) with the same budget, eps and clean-image rule as P-RGF.</summary>
    List<QuerySample> LabelChunk(IAuditServer server, Classifier? prior, AuditImages images, long[] indices, string run)
    {
        using var set = images.Test.Select(indices);
        var oracle = server.LabelOracle(indices.Length, settings.Query, run);
        var attack = new RaySearch(new RaySearchSettings { Epsilon = settings.Query.Epsilon });
        using var result = attack.Attack(oracle, set.Images, set.Labels, prior);
        return result.Outcomes.Select(o => new QuerySample(o.Attacked, o.Attacked && o.Fooled, o.QueriesCharged)).ToList();
    }

    /// <summary>The sentence a provider reads first, with the intervals; says so when the query attacks could not run.</summary>
    public static string Headline(string server, string device, IReadOnlyList<QueryResult> queries, string attack = ScoreAttack)
    {
        var with = queries.FirstOrDefault(q => q.Label == AuditReport.WithPrior);
        var without = queries.FirstOrDefault(q => q.Label == AuditReport.WithoutPrior);
        if (with?.FoolingRate is null || without?.FoolingRate is null)
            return $"The query attacks could not be measured against {server} (no score oracle, or no test image it classifies correctly).";
        string Part(QueryResult q) =>
            $"{Pct(q.FoolingRate!)} of images with a median of {Num(q.MedianQueries!)} queries";
        return $"With {device} as a prior, an attacker fools {server} on {Part(with)}, against {Part(without)} without it " +
            $"({with.Attacked} attacked images, {attack}, budget {with.Budget} queries; 95% bootstrap intervals).";
    }

    static string Pct(Estimate e) => string.Create(CultureInfo.InvariantCulture, $"{e.Value:F0}% [{e.Low:F0}–{e.High:F0}]");
    static string Num(Estimate e) => string.Create(CultureInfo.InvariantCulture, $"{e.Value:F0} [{e.Low:F0}–{e.High:F0}]");

    static double Percent(Tensor predictions, Tensor labels)
    {
        using var hits = predictions.eq(labels).to_type(ScalarType.Float64);
        using var mean = hits.mean();
        return mean.item<double>() * 100;
    }

    static Tensor Predict(Classifier model, Tensor images)
    {
        using var mode = EvaluationModeScope.Enter(model);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var chunks = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += 250)
        {
            var logits = model.forward(images.narrow(0, start, Math.Min(250, images.shape[0] - start)));
            FiniteOutputs.Require(logits, model, "on the audit's images");
            chunks.Add(logits.argmax(1));
        }
        return cat(chunks, 0).MoveToOuterDisposeScope();
    }
}
