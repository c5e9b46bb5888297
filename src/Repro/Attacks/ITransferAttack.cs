using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// A white-box attack crafted on one model (the on-device f_o) whose images are then evaluated on another
/// (the server f_s): the transfer setting of §IV-A. A leaf implements only its algorithm;
/// <see cref="TransferAttackRunner"/> does eval mode, batching and memory (STYLE.md P2).
/// </summary>
public interface ITransferAttack
{
    /// <summary>The name the paper's tables use ("FGSM", "PGD-10").</summary>
    string Name { get; }

    /// <summary>Adversarial versions of one batch of [0, 1] <paramref name="images"/> with int64 <paramref name="labels"/>.</summary>
    Tensor Perturb(Classifier model, Tensor images, Tensor labels);
}
