namespace Repro.Models;

/// <summary>The residual block a ResNet stacks: two 3x3 convolutions (ResNet18/34) or 1-3-1 with 4x expansion (ResNet50+).</summary>
public enum ResNetBlock
{
    Basic,
    Bottleneck,
}
