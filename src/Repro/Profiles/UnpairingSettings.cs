using Repro.Defense;

namespace Repro.Profiles;

/// <summary>
/// Similarity-unpairing (§V-B, §VI, Appendix F): how long and how the defense trains, and which λ grids
/// and strategies the tables run. Every default is the paper's; where it is silent or inconsistent the
/// reading is a <see cref="ProtocolChoice"/>.
/// </summary>
public sealed record UnpairingSettings
{
    /// <summary>§V-B: "We fine tune for 20 epochs (i.e., just 10% of the total steps to train the server-side model)". Also the FF/FL
    /// fine-tunes of quantization and pruning ("10–30 epochs"), the distillation FL and the OFA FL ("20 epochs").</summary>
    public double FinetuneFraction { get; init; } = 0.1;

    /// <summary>§VI-E: a new architecture is fine-tuned "with our similarity-unpairing objective for 40 more epochs" (20% of 200).</summary>
    public double ArchitectureFinetuneFraction { get; init; } = 0.2;

    /// <summary>Peak learning rate of a fine-tune relative to Training.LearningRate ("using the same set of hyper-parameters we use for training").</summary>
    public double FinetuneLearningRateScale { get; init; } = 1.0;

    /// <summary>Linear warm-up of a fine-tune, in epochs (the paper's training has none).</summary>
    public double FinetuneWarmupEpochs { get; init; }

    /// <summary>§VI-B's QAT: L = L_xe(f_s(x)) + α L_ours(f_o(x)); "We set α to 1.0".</summary>
    public double QatAlpha { get; init; } = 1.0;

    /// <summary>The one penalty §VI combines with every mechanism ("for the remainder of our experiments, we consider just one loss penalty").</summary>
    public PenaltyLocation StrategyPenalty { get; init; } = PenaltyLocation.Input;

    /// <summary>Its weight λ.</summary>
    public double StrategyLambda { get; init; } = 1.0;

    /// <summary>Table III's blocks: output, input, feature.</summary>
    public IReadOnlyList<PenaltyLocation> SingleObjectives { get; init; } = PenaltyLocations.All;

    /// <summary>Table III's λ column ("λ_i in 0.001–10.0", baseline 0).</summary>
    public IReadOnlyList<double> SingleLambdas { get; init; } = PaperLambdas;

    /// <summary>Table IV's (λ1 output, λ2 input) grid: "We vary them in 0.01–1.0".</summary>
    public IReadOnlyList<LambdaPair> CombinedLambdas { get; init; } = PaperPairs;

    /// <summary>Table XI's blocks (trained from scratch), in its printed order.</summary>
    public IReadOnlyList<PenaltyLocation> FromScratchObjectives { get; init; } = new[] { PenaltyLocation.Output, PenaltyLocation.Feature, PenaltyLocation.Input };

    /// <summary>Table XI's λ column.</summary>
    public IReadOnlyList<double> FromScratchLambdas { get; init; } = PaperLambdas;

    /// <summary>Table XII's (λ1, λ2) grid.</summary>
    public IReadOnlyList<LambdaPair> FromScratchCombinedLambdas { get; init; } = PaperPairs;

    /// <summary>Table VI's CIFAR-10 rows besides the baseline (JF is the QAT; the paper prints only its accuracy, in the text).</summary>
    public IReadOnlyList<UnpairingStrategy> QuantizationStrategies { get; init; } = AllStrategies;

    /// <summary>Table VII's rows besides the baseline (the paper's JF, variational dropout, "does not work" and has no row).</summary>
    public IReadOnlyList<UnpairingStrategy> PruningStrategies { get; init; } = new[] { UnpairingStrategy.FinetuneFirst, UnpairingStrategy.FinetuneLast };

    /// <summary>Table VIII's students.</summary>
    public IReadOnlyList<DistillationStudent> DistillationStudents { get; init; } = Profiles.DistillationStudents.All;

    /// <summary>Table VIII's rows besides each baseline.</summary>
    public IReadOnlyList<UnpairingStrategy> DistillationStrategies { get; init; } = AllStrategies;

    /// <summary>Table IX's architectures, each fine-tuned last.</summary>
    public IReadOnlyList<UnpairedArchitecture> Architectures { get; init; } = UnpairedArchitectures.All;

    /// <summary>§VI-F: fine-tune the most vulnerable OFA sub-network (OFANet-267) last "for 20 epochs with our defense".</summary>
    public bool OfaFinetuneLast { get; init; } = true;

    /// <summary>
    /// Table III gets a reference row the paper prints in Table I only: P-RGF against the same server without a prior. The
    /// scale study needs it beside the defended prior at every scale (is the defended prior worse than none?); the paper's
    /// tables do not.
    /// </summary>
    public bool NoPriorReference { get; init; }

    static readonly double[] PaperLambdas = { 0, 0.001, 0.01, 0.1, 1, 10 };
    static readonly IReadOnlyList<LambdaPair> PaperPairs = LambdaPair.Grid(new[] { 0.01, 0.1, 1 }, new[] { 0.01, 0.1, 1 });
    static readonly UnpairingStrategy[] AllStrategies = { UnpairingStrategy.FinetuneFirst, UnpairingStrategy.FinetuneLast, UnpairingStrategy.Jointly };

    /// <summary>
    /// The training recipe restarted for a fine-tune of <paramref name="fraction"/> of its epochs (ProtocolChoice
    /// "Unpairing.FinetuneSchedule"): the same optimiser, batch size, augmentation and schedule shape, at
    /// <see cref="FinetuneLearningRateScale"/> times its learning rate with <see cref="FinetuneWarmupEpochs"/> of warm-up.
    /// Every finetune-last of the tables, and `repro harden`, fine-tune with it.
    /// </summary>
    public Training.TrainingSettings FinetuneSchedule(Training.TrainingSettings training, double fraction) => training with
    {
        Epochs = EpochsFor(fraction, training.Epochs),
        LearningRate = training.LearningRate * FinetuneLearningRateScale,
        WarmupEpochs = FinetuneWarmupEpochs,
    };

    /// <summary>Fine-tune epochs for a fraction of the training schedule: at least one, rounded half away from zero.</summary>
    public static int EpochsFor(double fraction, int trainingEpochs) =>
        Math.Max(1, (int)Math.Round(fraction * trainingEpochs, MidpointRounding.AwayFromZero));

    /// <summary>Every problem with these settings, each naming the setting (bad input gets a clear error before anything trains).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Fraction(string name, double value)
        {
            if (!double.IsFinite(value) || value <= 0) problems.Add($"Unpairing.{name} must be a finite number > 0, got {value}");
        }
        void Weight(string name, double value)
        {
            if (!double.IsFinite(value) || value < 0) problems.Add($"Unpairing.{name} must hold finite numbers >= 0 (a λ or α weighs a loss term), got {value}");
        }
        Fraction(nameof(FinetuneFraction), FinetuneFraction);
        Fraction(nameof(ArchitectureFinetuneFraction), ArchitectureFinetuneFraction);
        Fraction(nameof(FinetuneLearningRateScale), FinetuneLearningRateScale);
        if (!double.IsFinite(FinetuneWarmupEpochs) || FinetuneWarmupEpochs < 0)
            problems.Add($"Unpairing.{nameof(FinetuneWarmupEpochs)} must be a finite number >= 0, got {FinetuneWarmupEpochs}");
        Weight(nameof(QatAlpha), QatAlpha);
        Weight(nameof(StrategyLambda), StrategyLambda);
        foreach (var l in SingleLambdas) Weight(nameof(SingleLambdas), l);
        foreach (var l in FromScratchLambdas) Weight(nameof(FromScratchLambdas), l);
        foreach (var p in CombinedLambdas) { Weight(nameof(CombinedLambdas), p.Output); Weight(nameof(CombinedLambdas), p.Input); }
        foreach (var p in FromScratchCombinedLambdas) { Weight(nameof(FromScratchCombinedLambdas), p.Output); Weight(nameof(FromScratchCombinedLambdas), p.Input); }
        foreach (var (name, strategies, mechanism) in new[]
                 {
                     (nameof(QuantizationStrategies), QuantizationStrategies, "quantization"),
                     (nameof(PruningStrategies), PruningStrategies, "pruning"),
                     (nameof(DistillationStrategies), DistillationStrategies, "distillation"),
                 })
            foreach (var s in strategies.Where(s => !StrategyApplicability.For(mechanism).Applies(s)))
                problems.Add($"Unpairing.{name}: {s} does not apply to {mechanism} (Table V)");
        return problems;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
    }
}
