using Repro.Models;
using Repro.Recipes;
using Repro.Training;
using static TorchSharp.torch;

namespace Repro.Defense;

/// <summary>
/// Adversarially robust distillation (Goldblum et al., AAAI 2020; the paper's [70], §VI-D):
/// L = α T² KL(T(x)/T ‖ S(x')/T) + (1 − α) CE(S(x), y), with x' a PGD example crafted on the student's cross-entropy and
/// the teacher reading the clean image. The KL is averaged over batch and classes, as the reference code's
/// nn.KLDivLoss() does (ProtocolChoices "Robust.ArdKlReduction"). Cost: the attack's steps plus one teacher forward a step.
/// </summary>
public sealed class AdversariallyRobustDistillation : ITrainingObjective, IEpochSeeded, IDisposable
{
    readonly Classifier teacher;
    readonly PgdTrainingAttack attack;

    public AdversariallyRobustDistillation(Classifier teacher, PgdTrainingAttack attack, double temperature, double alpha)
    {
        if (!(temperature > 0) || !double.IsFinite(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "the temperature must be a finite number > 0");
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α weighs the distillation term against cross-entropy: it lies in [0, 1]");
        this.teacher = teacher;
        this.attack = attack;
        Temperature = temperature;
        Alpha = alpha;
        teacher.eval();
    }

    public double Temperature { get; }
    public double Alpha { get; }

    public void StartEpoch(int epoch) => attack.StartEpoch(epoch);

    public Tensor Loss(Classifier model, Tensor images, Tensor labels)
    {
        if (ReferenceEquals(model, teacher)) throw new ArgumentException("robust distillation trains a student; the model given is the teacher itself");
        using var scope = NewDisposeScope();
        var adversarial = attack.Craft(model, images, labels);
        Tensor teacherLogits;
        using (no_grad()) teacherLogits = teacher.forward(images.detach());
        var student = nn.functional.log_softmax(model.forward(adversarial) / Temperature, 1);
        var target = nn.functional.log_softmax(teacherLogits / Temperature, 1);
        // The reference's KLDivLoss() mean over batch and classes, taken here: libtorch's Reduction.Mean is the same mean but warns
        // (it will become 'batchmean') on every step.
        var loss = Alpha * Temperature * Temperature * nn.functional.kl_div(student, target, reduction: nn.Reduction.None, log_target: true).mean();
        // α = 1 (the reference default) has no clean term: its forward would cost a pass for nothing.
        if (Alpha < 1) loss = loss + (1 - Alpha) * nn.functional.cross_entropy(model.forward(images), labels);
        return loss.MoveToOuterDisposeScope();
    }

    public string Describe() => DescribeFor(attack.Describe(), Temperature, Alpha);

    public static string DescribeFor(string attack, double temperature, double alpha) =>
        $"ard({attack};T={CanonicalText.Number(temperature)};alpha={CanonicalText.Number(alpha)};kl=mean)";

    public void Dispose() => attack.Dispose();
}
