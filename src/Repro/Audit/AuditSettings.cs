using Repro.Attacks;

namespace Repro.Audit;

/// <summary>
/// How an audit attacks the pair: the paper's protocol (§IV-A: FGSM and PGD-10 at eps 8/255, P-RGF with its reference
/// settings) on a fixed draw of test images. The defaults are the mini profile's (500 attacked samples, 100 of them for
/// P-RGF, 2000 queries, sample seed 2023, attack seed 0), so an audit of the mini pair measures what Table I does.
/// </summary>
public sealed record AuditSettings
{
    /// <summary>S: the test images the transfer attacks run on (drawn with <see cref="SampleSeed"/>).</summary>
    public int AttackSamples { get; init; } = 500;

    /// <summary>S's P-RGF subset (drawn with <see cref="SampleSeed"/> + 1, as the harness draws it).</summary>
    public int QuerySamples { get; init; } = 100;

    /// <summary>Images (the first of S) the three similarities average over.</summary>
    public int SimilaritySamples { get; init; } = 500;

    public int SampleSeed { get; init; } = 2023;

    /// <summary>The seed of P-RGF's random directions (the harness: the server's seed).</summary>
    public int AttackSeed { get; init; }

    public TransferAttackSettings Transfer { get; init; } = new();
    public QueryAttackSettings Query { get; init; } = new() { QueryBudget = 2000 };

    /// <summary>P-RGF samples per checkpoint: a killed audit loses at most this many samples' work.</summary>
    public int QueryChunk { get; init; } = 10;

    /// <summary>Bootstrap resamples of the attacked samples for the headline's intervals.</summary>
    public int BootstrapResamples { get; init; } = 2000;

    /// <summary>Also run the adaptive attacks (negated surrogate gradient, negated prior) on an unhardened sibling.</summary>
    public bool Adaptive { get; init; }

    /// <summary>Both attacks' eps.</summary>
    public AuditSettings WithEpsilon(double epsilon) => this with
    {
        Transfer = Transfer with { Epsilon = epsilon },
        Query = Query with { Epsilon = epsilon },
    };

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (AttackSamples < 1) problems.Add($"--samples must be at least 1, got {AttackSamples}");
        if (QuerySamples < 1 || QuerySamples > AttackSamples) problems.Add($"--query-samples must be between 1 and --samples ({AttackSamples}), got {QuerySamples}");
        if (SimilaritySamples < 1) problems.Add($"--similarity-samples must be at least 1, got {SimilaritySamples}");
        if (Query.QueryBudget < 1) problems.Add($"--budget must be at least 1 query, got {Query.QueryBudget}");
        if (!(Transfer.Epsilon > 0) || Transfer.Epsilon > 1) problems.Add($"--eps must be in (0, 1] (pixels are [0, 1]), got {Transfer.Epsilon}");
        if (QueryChunk < 1) problems.Add($"the P-RGF checkpoint chunk must be at least 1, got {QueryChunk}");
        if (BootstrapResamples < 100) problems.Add($"bootstrap needs at least 100 resamples, got {BootstrapResamples}");
        return problems;
    }

    /// <summary>Canonical text for the checkpoint key: every setting that changes a number.</summary>
    public string Describe() =>
        $"samples={AttackSamples};query={QuerySamples};similarity={SimilaritySamples};sample-seed={SampleSeed};attack-seed={AttackSeed};" +
        $"transfer={Recipes.RecipeText.Settings(Transfer)};query-attack={Recipes.RecipeText.Settings(Query)};adaptive={Adaptive}";
}
