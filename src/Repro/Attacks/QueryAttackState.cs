using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

internal enum SampleStatus { Active, Skipped, Fooled, OutOfBudget }

/// <summary>
/// Per-sample state of one batched query-attack call: clean images, current iterates, sigma, the
/// gradient-norm estimate, the current loss, iteration counts and a status that acts as the done mask.
/// Talks to the oracle for the attack and turns scores into cross-entropy losses for the true label.
/// </summary>
internal sealed class QueryAttackState : IDisposable
{
    readonly long[] labels;

    public QueryAttackState(IQueryOracle oracle, Tensor images, Tensor labels, double initialSigma, long seed)
    {
        using var scope = NewDisposeScope();
        Oracle = oracle;
        Count = (int)images.shape[0];
        ImageShape = images.shape.Skip(1).ToArray();
        Dimension = ImageShape.Aggregate(1L, (a, b) => a * b);
        Origin = images.detach().clone().DetachFromDisposeScope();
        Current = Origin.clone().DetachFromDisposeScope();
        Labels = labels.to(images.device).clone().DetachFromDisposeScope();
        this.labels = labels.cpu().data<long>().ToArray();
        InitialSigma = initialSigma;
        Sigma = Enumerable.Repeat(initialSigma, Count).ToArray();
        NormSquare = new double[Count];
        Loss = new double[Count];
        Iterations = new int[Count];
        Status = new SampleStatus[Count];
        Streams = new SampleRandomStreams(Count, seed, images.device);
    }

    public IQueryOracle Oracle { get; }
    public int Count { get; }
    public long[] ImageShape { get; }
    public long Dimension { get; }
    public Tensor Origin { get; }
    public Tensor Current { get; }
    public Tensor Labels { get; }
    public double InitialSigma { get; }
    public double[] Sigma { get; }
    public double[] NormSquare { get; }
    public double[] Loss { get; }
    public int[] Iterations { get; }
    public SampleStatus[] Status { get; }
    public SampleRandomStreams Streams { get; }

    /// <summary>The one evaluation of each clean image; samples the server already misclassifies are skipped.</summary>
    public void EvaluateCleanImages()
    {
        using var scope = NewDisposeScope();
        var all = Enumerable.Range(0, Count).ToArray();
        var (loss, predicted) = Losses(Oracle.ScoresOfClean(Origin, all), all);
        for (int i = 0; i < Count; i++)
        {
            Loss[i] = loss[i];
            Status[i] = predicted[i] == labels[i] ? SampleStatus.Active : SampleStatus.Skipped;
        }
    }

    public int[] ActiveSamples() => Enumerable.Range(0, Count).Where(IsActive).ToArray();

    public bool IsActive(int sample) => Status[sample] == SampleStatus.Active;

    /// <summary>
    /// Whether an active sample can pay <paramref name="cost"/> more charged queries. If it cannot, it stops
    /// here as a failure: the strict budget rule (the oracle would refuse; PAPER-NOTES §3.9).
    /// </summary>
    public bool TryAfford(int sample, long cost)
    {
        if (!IsActive(sample)) return false;
        if (Oracle.QueriesCharged[sample] + cost <= Oracle.QueryBudget) return true;
        Status[sample] = SampleStatus.OutOfBudget;
        return false;
    }

    /// <summary>Cross-entropy losses (true label) and top-1 labels of images tagged with their samples.</summary>
    public (double[] Loss, long[] Predicted) Query(Tensor images, IReadOnlyList<int> tags)
    {
        using var scope = NewDisposeScope();
        return Losses(Oracle.Scores(images, tags), tags);
    }

    /// <summary>Writes evaluated steps into the iterates, then records loss, iteration count and success.</summary>
    public void Advance(int[] samples, Tensor iterates)
    {
        using var scope = NewDisposeScope();
        using (no_grad()) Current.index_copy_(0, Index(samples), iterates);
        var (loss, predicted) = Query(iterates, samples);
        for (int i = 0; i < samples.Length; i++)
        {
            int s = samples[i];
            Loss[s] = loss[i];
            Iterations[s]++;
            // Success is the top-1 label leaving the true label (PAPER-NOTES §3.9).
            if (predicted[i] != labels[s]) Status[s] = SampleStatus.Fooled;
        }
    }

    public Tensor Rows(Tensor source, IReadOnlyList<int> rows) => source.index_select(0, Index(rows));

    public Tensor Index(IReadOnlyList<int> rows) => tensor(rows.Select(r => (long)r).ToArray(), ScalarType.Int64, Origin.device);

    public QueryAttackResult ToResult(bool keepAdversarialImages)
    {
        var outcomes = Enumerable.Range(0, Count).Select(i => new QueryAttackOutcome(
            i, Status[i] == SampleStatus.Skipped, Status[i] == SampleStatus.Fooled,
            Oracle.QueriesCharged[i], Oracle.ImagesSent[i], Iterations[i])).ToArray();
        return new QueryAttackResult(outcomes, Oracle.QueryBudget, keepAdversarialImages ? Current.clone() : null);
    }

    (double[] Loss, long[] Predicted) Losses(Tensor scores, IReadOnlyList<int> tags)
    {
        var label = Labels.index_select(0, Index(tags)).to(scores.device).unsqueeze(1);
        // A float32 score cannot go below the smallest float, so neither can the loss's argument.
        using Scalar smallest = float.Epsilon;
        var loss = scores.gather(1, label).squeeze(1).clamp_min(smallest).to(ScalarType.Float64).log_().neg_();
        return (loss.cpu().data<double>().ToArray(), scores.argmax(1).cpu().data<long>().ToArray());
    }

    public void Dispose()
    {
        Origin.Dispose();
        Current.Dispose();
        Labels.Dispose();
        Streams.Dispose();
    }
}
