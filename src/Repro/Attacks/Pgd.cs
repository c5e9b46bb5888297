using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// PGD-k (Madry et al.; App. J): v^{t+1} = Proj_eps(v^t + alpha * sign(grad_v CE(f(x + v^t), y))), k =
/// <see cref="TransferAttackSettings.PgdSteps"/>, alpha = <see cref="TransferAttackSettings.StepSize"/>,
/// projected every step. The optional uniform random start draws from this instance's seeded generator,
/// consumed batch after batch, so a run is reproducible for a given seed and batch size.
/// </summary>
public sealed class Pgd : ITransferAttack, IDisposable
{
    readonly TransferAttackSettings settings;
    readonly Generator generator;

    public Pgd(TransferAttackSettings settings, long seed = 0)
    {
        if (settings.PgdSteps < 1 || !(settings.StepSize > 0) || !(settings.Epsilon >= 0))
            throw new ArgumentException(
                $"PGD needs >= 1 step, a step size > 0 and eps >= 0, got {settings.PgdSteps} steps, step {settings.StepSize}, eps {settings.Epsilon}");
        this.settings = settings;
        // On the CPU, so that the random start is the same whichever device runs the attack.
        generator = new Generator(unchecked((ulong)seed));
    }

    public string Name => $"PGD-{settings.PgdSteps}";

    public Tensor Perturb(Classifier model, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var origin = images.detach();
        var x = origin;
        if (settings.PgdRandomStart)
        {
            using var noGrad = no_grad();
            var noise = (rand(origin.shape, ScalarType.Float32, generator: generator) * 2 - 1) * settings.Epsilon;
            x = LinfBall.Project(origin + noise.to(origin.device), origin, settings.Epsilon);
        }
        // Disposed here: TorchSharp frees an implicitly converted Scalar only in its finalizer, and pending ones fragment the native heap.
        using Scalar stepSize = settings.StepSize;
        for (int step = 0; step < settings.PgdSteps; step++)
        {
            using var stepScope = NewDisposeScope();
            var gradient = CrossEntropyInputGradient.Of(model, x, labels);
            using var noGrad = no_grad();
            var next = LinfBall.Project(x + stepSize * gradient.sign(), origin, settings.Epsilon);
            x = next.MoveToOuterDisposeScope();
        }
        return x.MoveToOuterDisposeScope();
    }

    public void Dispose() => generator.Dispose();
}
