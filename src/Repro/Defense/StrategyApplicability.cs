namespace Repro.Defense;

/// <summary>
/// Table V: which strategy applies to which mechanism, with §VI's reasons. These are facts of the
/// paper's argument, not measurements; the unpaired-model builder refuses an inapplicable combination
/// with the reason, and Table05_StrategyApplicability prints this very list.
/// </summary>
public sealed record StrategyApplicability(string Mechanism, string Label, bool FinetuneFirst, bool FinetuneLast, bool Jointly, string Reason)
{
    public static IReadOnlyList<StrategyApplicability> All { get; } = new StrategyApplicability[]
    {
        new("quantization", "Quantization", true, true, true,
            "derived from a pre-trained server (FF, FL); quantization-aware training is an optimisation the objective can join (JF)."),
        new("pruning", "Pruning", true, true, true,
            "derived from a pre-trained server (FF, FL); pruning can be learned (JF; the paper's variational-dropout attempt)."),
        new("distillation", "Distillation", true, true, true,
            "the teacher can be fine-tuned first (FF), the student afterwards (FL), and the objective added to the distillation loss (JF)."),
        new("new-arch", "New-arch.", false, true, false,
            "a new architecture is trained from scratch, so there is no pre-trained server to fine-tune first (FF); Table V marks JF as not applicable " +
            "(§VI-E reports trying it from scratch with a 20–30% accuracy drop)."),
        new("ofa", "OFA", true, true, false,
            "sub-networks share the pre-trained supernet (FF fine-tunes it; §VI-F argues the vulnerability between supernet and sub-nets then stays the same); " +
            "joining the objective to progressive shrinking is intractable (JF)."),
    };

    public bool Applies(UnpairingStrategy strategy) => strategy switch
    {
        UnpairingStrategy.FinetuneFirst => FinetuneFirst,
        UnpairingStrategy.FinetuneLast => FinetuneLast,
        _ => Jointly,
    };

    public static StrategyApplicability For(string mechanism) =>
        All.FirstOrDefault(a => a.Mechanism == mechanism)
        ?? throw new ArgumentException($"unknown mechanism '{mechanism}'; Table V lists {string.Join(", ", All.Select(a => a.Mechanism))}");

    /// <summary>Throws <see cref="NotSupportedException"/> with Table V's reason when the strategy does not apply.</summary>
    public static void Require(string mechanism, UnpairingStrategy strategy)
    {
        var row = For(mechanism);
        if (!row.Applies(strategy))
            throw new NotSupportedException($"{strategy} does not apply to {row.Label} (Table V): {row.Reason}");
    }
}
