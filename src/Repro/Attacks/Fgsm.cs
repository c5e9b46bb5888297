using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// FGSM as App. J writes it: v = Proj_eps(alpha * sign(grad_x CE(f(x), y))), with alpha =
/// <see cref="TransferAttackSettings.FgsmStepSize"/> (2/255 by default: PAPER-NOTES §2.4, ProtocolChoices).
/// </summary>
public sealed class Fgsm : ITransferAttack
{
    readonly TransferAttackSettings settings;

    public Fgsm(TransferAttackSettings settings)
    {
        if (!(settings.FgsmStepSize > 0) || !(settings.Epsilon >= 0))
            throw new ArgumentException($"FGSM needs a step size > 0 and eps >= 0, got step {settings.FgsmStepSize}, eps {settings.Epsilon}");
        this.settings = settings;
    }

    public string Name => "FGSM";

    public Tensor Perturb(Classifier model, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var gradient = CrossEntropyInputGradient.Of(model, images, labels);
        using var noGrad = no_grad();
        // Disposed here: TorchSharp frees an implicitly converted Scalar only in its finalizer, and pending ones fragment the native heap.
        using Scalar stepSize = settings.FgsmStepSize;
        var stepped = images + stepSize * gradient.sign();
        return LinfBall.Project(stepped, images, settings.Epsilon).MoveToOuterDisposeScope();
    }
}
