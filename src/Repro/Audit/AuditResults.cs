namespace Repro.Audit;

/// <summary>Clean top-1 accuracy (percent) of both models on the whole test set, and how often their top-1 labels agree.</summary>
public sealed record AccuracyResult(double Server, double Device, double Agreement, int Images);

/// <summary>One of Appendix D's similarities (mean cosine over the samples), or why it is not measurable for this pair.</summary>
public sealed record SimilarityResult(string Metric, double? Value, int Samples, string? NotMeasurable);

/// <summary>
/// A transfer attack crafted on <see cref="Source"/> and evaluated on the server, over S: the server's accuracy on the
/// clean images, on the transferred ones and (white-box server only) on the same attack crafted on the server itself,
/// and RFR = (clean − transferred) / (clean − white-box) (§IV-A).
/// </summary>
public sealed record TransferResult(string Attack, string Source, int Samples, double ServerClean, double ServerUnderTransfer,
    double? ServerUnderWhiteBox, double? Rfr, string? RfrNotMeasurable)
{
    /// <summary>Percentage points of the server's accuracy the transferred examples take away.</summary>
    public double AccuracyDrop => ServerClean - ServerUnderTransfer;
}

/// <summary>What P-RGF did to one sample: skipped (already misclassified), fooled, and the queries charged.</summary>
public sealed record QuerySample(bool Attacked, bool Fooled, long Queries);

/// <summary>A value with its bootstrap interval over the attacked samples (95 %, percentile).</summary>
public sealed record Estimate(double Value, double Low, double High);

/// <summary>
/// A P-RGF run against the server with a prior (or RGF without one): per-sample outcomes and the summaries, each with
/// its bootstrap interval. Queries count a failure at the budget (Table I's "# Queries", MeanQueries.OverAttacked).
/// </summary>
public sealed record QueryResult(string Label, string Prior, long Budget, IReadOnlyList<QuerySample> Samples,
    Estimate? FoolingRate, Estimate? MeanQueries, Estimate? MedianQueries, double? MeanQueriesOnSuccess)
{
    public int Attacked => Samples.Count(s => s.Attacked);
    public int Fooled => Samples.Count(s => s.Attacked && s.Fooled);
}

/// <summary>
/// What an audit of a remote server sent in this run: images whose labels were asked (clean accuracy, transfer; charged
/// to no attack) and images of the query attacks (charged to their samples, the clean-image rule aside), and the client's
/// traffic: attempts, answered, failed (5xx, lost connection), timed out, retried, and requests answered from the journal.
/// </summary>
public sealed record ServerTraffic(string Server, string Mode, long LabelImages, long AttackImages, long Attempts, long Answered, long Failed,
    long TimedOut, long Retried, long RequestsFromJournal, long ImagesFromJournal, long ImagesOverNetwork, string? Journal)
{
    public string Describe() =>
        $"{LabelImages} images for labels (accuracy, transfer) and {AttackImages} for the query attacks; {Attempts} attempts: {Answered} answered " +
        $"({ImagesOverNetwork} images), {Failed} failed, {TimedOut} timed out, {Retried} retried; {RequestsFromJournal} requests ({ImagesFromJournal} images) " +
        $"answered from the journal{(Journal is null ? "" : $" {Journal}")}";
}

/// <summary>Everything an audit measured, with what it was measured on: what the JSON file holds and the page shows.</summary>
public sealed record AuditReport
{
    public required string Server { get; init; }
    public required string ServerIdentity { get; init; }
    public required string Device { get; init; }
    public required string DeviceIdentity { get; init; }
    public string? DeviceHardening { get; init; }
    public required string Data { get; init; }
    public required string Settings { get; init; }
    public required int AttackSamples { get; init; }
    public required int QuerySamples { get; init; }
    public required double Epsilon { get; init; }
    public required long QueryBudget { get; init; }
    public required AccuracyResult Accuracy { get; init; }
    public required IReadOnlyList<SimilarityResult> Similarities { get; init; }
    public required IReadOnlyList<TransferResult> Transfers { get; init; }
    public required IReadOnlyList<QueryResult> Queries { get; init; }
    public required string Headline { get; init; }
    public required bool AdaptiveAttacks { get; init; }
    /// <summary>The query attack: P-RGF (a server that answers scores) or RayS (labels only).</summary>
    public string QueryAttack { get; init; } = Auditor.ScoreAttack;

    /// <summary>A remote server's traffic in the run that finished the audit; null for a local server.</summary>
    public ServerTraffic? Traffic { get; init; }

    public required double Seconds { get; init; }
    public required string CreatedUtc { get; init; }

    public const string WithPrior = "prior";
    public const string WithoutPrior = "no-prior";
    public const string NegatedPrior = "negated-prior";

    public QueryResult? Query(string label) => Queries.FirstOrDefault(q => q.Label == label);
}
