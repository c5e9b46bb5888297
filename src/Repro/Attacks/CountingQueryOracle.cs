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
    readonly QueryCounters counters;

    /// <param name="engine">Logits of a chunk of [0, 1] images from the engine that serves <paramref name="server"/>; its forward when null.</param>
    public CountingQueryOracle(Classifier server, int sampleCount, QueryAttackSettings settings, Func<Tensor, Tensor>? engine = null)
    {
        if (sampleCount < 0) throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount, "must be >= 0");
        if (settings.QueryBudget < 0) throw new ArgumentException($"QueryAttackSettings.QueryBudget must be >= 0, got {settings.QueryBudget}");
        if (settings.OracleBatchSize < 1) throw new ArgumentException($"QueryAttackSettings.OracleBatchSize must be >= 1, got {settings.OracleBatchSize}");
        this.server = server;
        this.engine = engine;
        this.settings = settings;
        counters = new QueryCounters(sampleCount, settings.QueryBudget);
    }

    public int SampleCount => counters.SampleCount;
    public long QueryBudget => settings.QueryBudget;
    public IReadOnlyList<long> ImagesSent => counters.ImagesSent;
    public IReadOnlyList<long> QueriesCharged => counters.QueriesCharged;

    public Tensor ScoresOfClean(Tensor images, IReadOnlyList<int> samples)
    {
        var perSample = counters.Tally(images, samples);
        return EvaluateAndCount(images, perSample, counters.CleanCharges(perSample, settings.ChargeInitialQuery));
    }

    public Tensor Scores(Tensor images, IReadOnlyList<int> samples)
    {
        var perSample = counters.Tally(images, samples);
        return EvaluateAndCount(images, perSample, perSample);
    }

    Tensor EvaluateAndCount(Tensor images, Dictionary<int, long> imagesPerSample, Dictionary<int, long> charges)
    {
        // Refuse before evaluating anything, so a refused call leaves every counter untouched.
        counters.RequireAffordable(charges);
        var scores = Evaluate(images);
        counters.Record(imagesPerSample, charges);
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
