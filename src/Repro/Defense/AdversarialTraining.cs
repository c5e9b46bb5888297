using Repro.Models;
using Repro.Training;
using static TorchSharp.torch;

namespace Repro.Defense;

/// <summary>
/// Adversarial training (Madry et al. 2018; the paper's [36], Appendix H): each step minimises the task loss on PGD examples
/// crafted against the model being trained, min_θ E[max_{‖δ‖∞ ≤ ε} L(f_θ(x + δ), y)]. The task loss is cross-entropy or any
/// other objective, so every trainer (from scratch, fine-tune, distillation) can train adversarially. Cost: the attack's
/// <see cref="PgdTrainingAttack.Steps"/> extra forward and backward passes a step (PGD-7: about 8x a cross-entropy step).
/// </summary>
public sealed class AdversarialTraining : ITrainingObjective, IEpochSeeded, IDisposable
{
    readonly PgdTrainingAttack attack;
    readonly ITrainingObjective task;

    public AdversarialTraining(PgdTrainingAttack attack, ITrainingObjective? task = null)
    {
        this.attack = attack;
        this.task = task ?? CrossEntropyObjective.Instance;
    }

    /// <summary>Forward and backward passes per step beyond the task loss's own.</summary>
    public int ExtraPassesPerStep => attack.Steps;

    public void StartEpoch(int epoch)
    {
        attack.StartEpoch(epoch);
        if (task is IEpochSeeded seeded) seeded.StartEpoch(epoch);
    }

    public Tensor Loss(Classifier model, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var adversarial = attack.Craft(model, images, labels);
        return task.Loss(model, adversarial, labels).MoveToOuterDisposeScope();
    }

    public string Describe() => DescribeFor(attack.Describe(), task.Describe());

    /// <summary>"at(pgd(...);task=ce)": known before any model is built, for recipe hashes.</summary>
    public static string DescribeFor(string attack, string task) => $"at({attack};task={task})";

    public void Dispose() => attack.Dispose();
}
