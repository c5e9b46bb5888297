using Repro.Attacks;
using Repro.Data;
using Repro.Models;
using Repro.Recipes;
using Repro.Training;
using static TorchSharp.torch;

namespace Repro.Defense;

/// <summary>
/// The inner maximisation of adversarial training (Madry et al. 2018; Appendix H: "PGD-7 ... 8/255 ... step-size of
/// 2/255"): the project's seeded <see cref="Pgd"/> run against the model being trained, in the mode the trainer put it in
/// (training mode: batch statistics, as Madry et al.'s and Goldblum et al.'s reference code craft). Each epoch draws its
/// random starts from its own stream of (seed, epoch), so a resumed run crafts what an uninterrupted one did.
/// Cost: <see cref="Steps"/> forward and backward passes to the input per training step, on top of the step itself.
/// </summary>
public sealed class PgdTrainingAttack : IEpochSeeded, IDisposable
{
    readonly TransferAttackSettings settings;
    readonly long seed;
    Pgd? current;

    public PgdTrainingAttack(double epsilon, double stepSize, int steps, bool randomStart, long seed)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "adversarial training needs at least one PGD step");
        if (!(stepSize > 0) || !double.IsFinite(stepSize)) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "the PGD step must be a finite number > 0");
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "the l-inf radius must be a finite number > 0");
        settings = new TransferAttackSettings { Epsilon = epsilon, StepSize = stepSize, PgdSteps = steps, PgdRandomStart = randomStart };
        this.seed = seed;
    }

    public double Epsilon => settings.Epsilon;
    public double StepSize => settings.StepSize;

    /// <summary>PGD steps per training step: the extra forward and backward passes adversarial training costs.</summary>
    public int Steps => settings.PgdSteps;
    public bool RandomStart => settings.PgdRandomStart;

    public void StartEpoch(int epoch)
    {
        current?.Dispose();
        current = new Pgd(settings, unchecked((long)SplitMix64.ForStream(seed, epoch).NextUInt64()));
    }

    /// <summary>Adversarial examples of <paramref name="images"/> for <paramref name="model"/> (detached, in the l-inf ball and [0, 1]).</summary>
    public Tensor Craft(Classifier model, Tensor images, Tensor labels)
    {
        if (current is null) StartEpoch(0);
        using var scope = NewDisposeScope();
        return current!.Perturb(model, images, labels).detach().MoveToOuterDisposeScope();
    }

    /// <summary>"pgd(eps=...;step=...;steps=7;start=uniform)": the attack's part of a recipe.</summary>
    public string Describe() => DescribeFor(Epsilon, StepSize, Steps, RandomStart);

    public static string DescribeFor(double epsilon, double stepSize, int steps, bool randomStart) =>
        $"pgd(eps={CanonicalText.Number(epsilon)};step={CanonicalText.Number(stepSize)};steps={steps};start={(randomStart ? "uniform" : "clean")})";

    public void Dispose() => current?.Dispose();
}
