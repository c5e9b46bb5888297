using Repro.Models;

namespace Repro.Experiments.Profiles;

/// <summary>The architectures of Table I's pairs at a profile's scale.</summary>
public sealed record ModelSettings
{
    /// <summary>The server model f_s (and "Baseline (a new)", which retrains the same architecture).</summary>
    public ArchitectureSpec Server { get; init; } = ResNetSpec.ResNet50;

    /// <summary>The ResNet18 student of the distillation row.</summary>
    public ArchitectureSpec ResNet18 { get; init; } = ResNetSpec.ResNet18;
}
