namespace Repro.Models.Layers;

/// <summary>The activation fused after a convolution; fusing it is what lets int8 kernels clamp once.</summary>
public enum ActivationFunction
{
    None,
    ReLU,
    ReLU6,
}
