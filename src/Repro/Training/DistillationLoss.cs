using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Training;

/// <summary>
/// Hinton et al.'s knowledge distillation (§IV-A "Knowledge Distillation"): cross-entropy on the labels
/// plus <c>ratio</c> times KL(teacher/T || student/T), scaled by T² by default so that the soft term's
/// gradients keep their size at high temperature (PAPER-NOTES §2.7: the paper does not say; see ProtocolChoices).
/// </summary>
public sealed class DistillationLoss : ITrainingObjective
{
    readonly Classifier teacher;

    public DistillationLoss(Classifier teacher, double temperature, double ratio, bool scaleByTemperatureSquared)
    {
        if (temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be positive");
        if (ratio < 0) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "the distillation ratio cannot be negative");
        this.teacher = teacher;
        Temperature = temperature;
        Ratio = ratio;
        ScaleByTemperatureSquared = scaleByTemperatureSquared;
        teacher.eval();
    }

    public double Temperature { get; }
    public double Ratio { get; }
    public bool ScaleByTemperatureSquared { get; }

    public Tensor Loss(Classifier model, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        return LossFromLogits(model.forward(images), images, labels).MoveToOuterDisposeScope();
    }

    /// <summary>The loss for student logits already computed (so that a joint objective can share the student's forward).</summary>
    public Tensor LossFromLogits(Tensor logits, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        Tensor teacherLogits;
        using (no_grad()) teacherLogits = teacher.forward(images.detach());
        var hard = nn.functional.cross_entropy(logits, labels);
        var studentLog = nn.functional.log_softmax(logits / Temperature, 1);
        var teacherLog = nn.functional.log_softmax(teacherLogits / Temperature, 1);
        // KL summed over classes and averaged over the batch ("batchmean", the mathematical KL).
        var soft = nn.functional.kl_div(studentLog, teacherLog, reduction: nn.Reduction.Sum, log_target: true) / studentLog.shape[0];
        if (ScaleByTemperatureSquared) soft = soft * (Temperature * Temperature);
        return (hard + Ratio * soft).MoveToOuterDisposeScope();
    }

    public string Describe() =>
        $"kd(T={Recipes.CanonicalText.Number(Temperature)};ratio={Recipes.CanonicalText.Number(Ratio)};t2={(ScaleByTemperatureSquared ? 1 : 0)})";
}
