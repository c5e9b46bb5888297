using System.Globalization;
using Repro.Attacks;
using Repro.Training;

namespace Repro.Profiles;

/// <summary>
/// Everything that fixes the scale and protocol of a run. The paper's values are the defaults of
/// every setting (<see cref="PaperProfile"/>); smaller profiles are <c>PaperProfile.Create() with { ... }</c>
/// plus one <see cref="Deviation"/> per changed setting, which the report prints (STYLE.md P4).
/// Execution details that do not change results (device, cache folder) live in RunContext, not here.
/// </summary>
public sealed record Profile
{
    public required string Name { get; init; }
    public required string Summary { get; init; }

    /// <summary>Paper-scale profiles: their claims run only where CUDA is available (Category "Gpu").</summary>
    public bool RequiresGpu { get; init; }

    public DataSettings Data { get; init; } = new();

    /// <summary>"We run this experiment five times": one full run (models and attacks) per seed.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = new[] { 0, 1, 2, 3, 4 };

    public ModelSettings Models { get; init; } = new();
    public TrainingSettings Training { get; init; } = new();
    public TransferAttackSettings Transfer { get; init; } = new();
    public QueryAttackSettings Query { get; init; } = new();

    /// <summary>Table II's label-only query attack against the 8-bit cloud model.</summary>
    public LabelOnlySettings LabelOnly { get; init; } = new();
    public MechanismSettings Mechanisms { get; init; } = new();
    public UnpairingSettings Unpairing { get; init; } = new();
    public CostSweepSettings CostSweep { get; init; } = new();

    /// <summary>Adversarial training and robust distillation (Appendices H and I, §VI-D).</summary>
    public RobustSettings Robust { get; init; } = new();

    /// <summary>Every setting where this profile departs from the paper, with its reason.</summary>
    public IReadOnlyList<Deviation> Deviations { get; init; } = Array.Empty<Deviation>();

    /// <summary>How Repro reads the paper where it is ambiguous; the same for every profile.</summary>
    public IReadOnlyList<ProtocolChoice> Choices => ProtocolChoices.All;

    /// <summary>A stable text of every protocol setting, for recipe hashes and the report.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings() => ProfileSettings.Flatten(this);

    public static string Format(double value) => Recipes.CanonicalText.Number(value);
}
