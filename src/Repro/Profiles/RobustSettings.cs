namespace Repro.Profiles;

/// <summary>
/// Adversarial training and robust distillation (Appendix H, Appendix I, §VI-D): the inner attack ("PGD-7 that has the
/// perturbation bound of 8/255 pixels in l-inf-norm and the step-size of 2/255 pixels"), where training starts, Goldblum et
/// al.'s distillation settings (their reference code's, which the paper does not change), and which optional rows of
/// Table XIII run. Every default is the paper's.
/// </summary>
public sealed record RobustSettings
{
    public double Epsilon { get; init; } = 8.0 / 255;
    public double StepSize { get; init; } = 2.0 / 255;

    /// <summary>PGD steps of the inner maximisation: each is one more forward and backward pass per training step.</summary>
    public int Steps { get; init; } = 7;

    /// <summary>Uniform start in the eps-ball (Madry et al.'s training attack).</summary>
    public bool RandomStart { get; init; } = true;

    /// <summary>"We first run AT of ResNet50": adversarial training from scratch with the training schedule.</summary>
    public RobustStart Start { get; init; } = RobustStart.FromScratch;

    /// <summary>Epochs of adversarial fine-tuning when <see cref="Start"/> is <see cref="RobustStart.Finetune"/> (0 otherwise).</summary>
    public int FinetuneEpochs { get; init; }

    /// <summary>Robust distillation's temperature (Goldblum et al.'s reference default).</summary>
    public double DistillationTemperature { get; init; } = 30;

    /// <summary>Robust distillation's weight of the adversarial KL term against clean cross-entropy (reference default 1: KL only).</summary>
    public double DistillationAlpha { get; init; } = 1;

    /// <summary>PGD steps of robust distillation's inner maximisation (the reference code's CIFAR-10 setting: 10).</summary>
    public int DistillationSteps { get; init; } = 10;

    /// <summary>Whether Table XIII's "Baseline (a new)" (the robust server's recipe at another seed: one more adversarial training) runs.</summary>
    public bool IncludeANew { get; init; } = true;

    /// <summary>Whether the hand-designed MobileNetV2 and SqueezeNet are adversarially trained (Table XIII's scenario 2, Table XIV's rows).</summary>
    public bool IncludeManualArchitectures { get; init; } = true;

    /// <summary>Why a robust table's MobileNetV2 or SqueezeNet row does not run at <paramref name="profile"/> (null when it runs).</summary>
    public string? ManualArchitectureLeftOut(string profile) => IncludeManualArchitectures ? null
        : $"profile '{profile}' trains no robust MobileNetV2 or SqueezeNet (Robust.IncludeManualArchitectures = false; see its deviations); mini-full and paper run them";

    /// <summary>
    /// Whether P-RGF runs on every row of Tables XIII, XIV and Appendix I. Against a robust server, or with a robust prior,
    /// most samples spend the whole query budget, so each such row is a long run; false keeps the query attacks Table XIII's
    /// query claim rests on (the robust server itself, its 8-bit and pruned siblings, no prior) and Table XIV's rows that
    /// are not robust (as-is, ours); every other row keeps its accuracy and RFR columns.
    /// </summary>
    public bool QueryAttackOnEveryRow { get; init; } = true;

    /// <summary>Why a robust table's row runs no query attack at <paramref name="profile"/> (null when it runs one).</summary>
    public string? QueryAttackLeftOut(string profile, bool keptRow) => QueryAttackOnEveryRow || keptRow ? null
        : $"profile '{profile}' runs the robust tables' query attack only on the rows Table XIII's query claim rests on and on Table XIV's undefended priors (Robust.QueryAttackOnEveryRow = false; see its deviations); mini-full and paper run it";

    /// <summary>Table XIII's students distilled (plainly, as Table I) from the robust server.</summary>
    public IReadOnlyList<DistillationStudent> DistillationStudents { get; init; } = Profiles.DistillationStudents.All;


    /// <summary>Every problem with these settings, each naming the setting.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon)) problems.Add($"Robust.Epsilon must be a finite number > 0, got {Epsilon}");
        if (!(StepSize > 0) || !double.IsFinite(StepSize)) problems.Add($"Robust.StepSize must be a finite number > 0, got {StepSize}");
        if (Steps < 1) problems.Add($"Robust.Steps must be >= 1, got {Steps}");
        if (DistillationSteps < 1) problems.Add($"Robust.DistillationSteps must be >= 1, got {DistillationSteps}");
        if (Start == RobustStart.Finetune && FinetuneEpochs < 1) problems.Add($"Robust.FinetuneEpochs must be >= 1 when Robust.Start is Finetune, got {FinetuneEpochs}");
        if (!(DistillationTemperature > 0) || !double.IsFinite(DistillationTemperature)) problems.Add($"Robust.DistillationTemperature must be a finite number > 0, got {DistillationTemperature}");
        if (!(DistillationAlpha >= 0 && DistillationAlpha <= 1)) problems.Add($"Robust.DistillationAlpha must lie in [0, 1], got {DistillationAlpha}");
        return problems;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
    }
}
