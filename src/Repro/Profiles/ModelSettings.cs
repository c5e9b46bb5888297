using Repro.Models;
using Repro.Models.OnceForAll;

namespace Repro.Profiles;

/// <summary>The architectures of Table I's pairs at a profile's scale.</summary>
public sealed record ModelSettings
{
    /// <summary>The server model f_s (and "Baseline (a new)", which retrains the same architecture).</summary>
    public ArchitectureSpec Server { get; init; } = ResNetSpec.ResNet50;

    /// <summary>The ResNet18 student of the distillation row.</summary>
    public ArchitectureSpec ResNet18 { get; init; } = ResNetSpec.ResNet18;

    /// <summary>Table I's "NAS" row (and the NASNet distillation student): NASNet-A 6@768, 3.3M parameters.</summary>
    public ArchitectureSpec NasNet { get; init; } = NasNetSpec.Cifar;

    /// <summary>Table I's first "manually-designed" row: the CIFAR MobileNetV2 of kuangliu/pytorch-cifar, 2.3M parameters.</summary>
    public ArchitectureSpec MobileNetV2 { get; init; } = MobileNetV2Spec.Cifar;

    /// <summary>Table I's second "manually-designed" row: SqueezeNet 1.0's Fire modules on 32x32 inputs, with batch norm, 0.73M parameters.</summary>
    public ArchitectureSpec SqueezeNet { get; init; } = SqueezeNetSpec.Cifar;

    /// <summary>
    /// The once-for-all supernet whose sub-nets (i, j, k) are Table I's OFA rows: OFA-MobileNetV3 w1.0. The paper
    /// uses the published ImageNet checkpoint (<see cref="OfaSpec.ImageNet"/>); on CIFAR-10 the same supernet runs
    /// with its stem and first unit at stride 1 and is trained by progressive shrinking.
    /// </summary>
    public OfaSpec Ofa { get; init; } = OfaSpec.Cifar;

    /// <summary>Whether Table I's OFA group and Figure 1's architectural-difference sweep run at this profile.</summary>
    public bool IncludeOnceForAll { get; init; } = true;

    /// <summary>
    /// How the CIFAR supernet is trained by progressive shrinking. The paper uses the published ImageNet
    /// supernet instead; on CIFAR-10 the same phases run with the CIFAR learning rate of 0.1 (batch 128)
    /// and the training schedule's length, keeping OFA's ratios between the phases.
    /// </summary>
    public ProgressiveShrinkingSchedule OfaSchedule { get; init; } = new(100, 40, 30, 30, 0.1);

    /// <summary>Training images the batch-norm statistics of an extracted OFA sub-network are re-estimated on (OFA uses 2000).</summary>
    public int OfaRecalibrationImages { get; init; } = 2000;
}
