using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// The thin bookkeeping around a transfer attack (STYLE.md P2): evaluation mode on and restored, batches of
/// <see cref="TransferAttackSettings.BatchSize"/>, a dispose scope per batch so memory stays flat, a final
/// <see cref="LinfBall"/> projection, and detached results. The model's requires_grad flags are never changed.
/// </summary>
public sealed class TransferAttackRunner
{
    readonly TransferAttackSettings settings;

    public TransferAttackRunner(TransferAttackSettings settings)
    {
        if (settings.BatchSize < 1) throw new ArgumentException($"TransferAttackSettings.BatchSize must be >= 1, got {settings.BatchSize}");
        this.settings = settings;
    }

    /// <summary>Adversarial images [N, C, H, W] crafted by <paramref name="attack"/> on <paramref name="model"/>.</summary>
    public Tensor Run(ITransferAttack attack, Classifier model, Tensor images, Tensor labels)
    {
        AttackInputs.Check(images, labels, attack.Name);
        using var mode = EvaluationModeScope.Enter(model);
        var adversarial = empty_like(images);
        long count = images.shape[0];
        for (long start = 0; start < count; start += settings.BatchSize)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(settings.BatchSize, count - start);
            var x = images.narrow(0, start, length).detach();
            var perturbed = attack.Perturb(model, x, labels.narrow(0, start, length));
            using var noGrad = no_grad();
            adversarial.narrow(0, start, length).copy_(LinfBall.Project(perturbed.detach(), x, settings.Epsilon));
        }
        return adversarial;
    }
}
