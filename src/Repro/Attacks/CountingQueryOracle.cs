using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// Wraps the server classifier as a counting, budget-enforcing black box (<see cref="IQueryOracle"/>).
/// Images are evaluated in chunks of <see cref="QueryAttackSettings.OracleBatchSize"/> under no_grad and
/// evaluation mode; scores are float32 softmax, as a PyTorch server would return them. A server run by another engine
/// (ONNX Runtime for a shipped .onnx file) passes that engine's logits function: the counting is this class's either way.
/// </summary>
public sealed class CountingQueryOracle : IQueryOracle
{
    readonly Classifier server;
    readonly Func<Tensor, Tensor>? engine;
    readonly QueryAttackSettings settings;
    readonly long[] sent;
    readonly long[] charged;

    /// <param name="engine">Logits of a chunk of [0, 1] images from the engine that serves <paramref name="server"/>; its forward when null.</param>
    public CountingQueryOracle(Classifier server, int sampleCount, QueryAttackSettings settings, Func<Tensor, Tensor>? engine = null)
    {
        if (sampleCount < 0) throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount, "must be >= 0");
        if (settings.QueryBudget < 0) throw new ArgumentException($"QueryAttackSettings.QueryBudget must be >= 0, got {settings.QueryBudget}");
        if (settings.OracleBatchSize < 1) throw new ArgumentException($"QueryAttackSettings.OracleBatchSize must be >= 1, got {settings.OracleBatchSize}");
        this.server = server;
        this.engine = engine;
        this.settings = settings;
        sent = new long[sampleCount];
        charged = new long[sampleCount];
    }

    public int SampleCount => sent.Length;
    public long QueryBudget => settings.QueryBudget;
    public IReadOnlyList<long> ImagesSent => Array.AsReadOnly(sent);
    public IReadOnlyList<long> QueriesCharged => Array.AsReadOnly(charged);

    public Tensor ScoresOfClean(Tensor images, IReadOnlyList<int> samples)
    {
        var perSample = Tally(images, samples);
        foreach (var (sample, count) in perSample)
        {
            if (count > 1 || sent[sample] > 0)
                throw new InvalidOperationException(
                    $"sample {sample}: the clean image is evaluated once, as the sample's first query ({sent[sample]} images already sent, {count} in this call)");
        }
        long cost = settings.ChargeInitialQuery ? 1 : 0;
        return EvaluateAndCount(images, perSample, perSample.ToDictionary(p => p.Key, _ => cost));
    }

    public Tensor Scores(Tensor images, IReadOnlyList<int> samples)
    {
        var perSample = Tally(images, samples);
        return EvaluateAndCount(images, perSample, perSample);
    }

    Dictionary<int, long> Tally(Tensor images, IReadOnlyList<int> samples)
    {
        if (images.dim() != 4 || images.shape[0] != samples.Count)
            throw new ArgumentException($"the oracle takes [n, C, H, W] images and n sample tags, got [{string.Join(", ", images.shape)}] and {samples.Count} tags");
        var perSample = new Dictionary<int, long>();
        foreach (int sample in samples)
        {
            if (sample < 0 || sample >= SampleCount)
                throw new ArgumentOutOfRangeException(nameof(samples), sample, $"sample tags run from 0 to {SampleCount - 1}");
            perSample[sample] = perSample.GetValueOrDefault(sample) + 1;
        }
        return perSample;
    }

    Tensor EvaluateAndCount(Tensor images, Dictionary<int, long> imagesPerSample, Dictionary<int, long> charges)
    {
        // Refuse before evaluating anything, so a refused call leaves every counter untouched.
        foreach (var (sample, cost) in charges)
            if (charged[sample] + cost > settings.QueryBudget)
                throw new QueryBudgetExceededException(sample, charged[sample], cost, settings.QueryBudget);
        var scores = Evaluate(images);
        foreach (var (sample, count) in imagesPerSample) sent[sample] += count;
        foreach (var (sample, cost) in charges) charged[sample] += cost;
        return scores;
    }

    Tensor Evaluate(Tensor images)
    {
        using var mode = EvaluationModeScope.Enter(server);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long count = images.shape[0];
        if (count == 0) return zeros(new long[] { 0, server.Classes }, device: images.device).MoveToOuterDisposeScope();
        var chunks = new List<Tensor>();
        for (long start = 0; start < count; start += settings.OracleBatchSize)
        {
            var chunk = images.narrow(0, start, Math.Min(settings.OracleBatchSize, count - start));
            var logits = engine is null ? server.forward(chunk) : engine(chunk);
            FiniteOutputs.Require(logits, server, "as the query oracle");
            chunks.Add(nn.functional.softmax(logits, 1));
        }
        var scores = chunks.Count == 1 ? chunks[0] : cat(chunks, 0);
        return scores.MoveToOuterDisposeScope();
    }
}
