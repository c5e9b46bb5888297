namespace Repro.Models.Layers;

/// <summary>The activation fused after a convolution; fusing it is what lets int8 kernels clamp once.</summary>
public enum ActivationFunction
{
    None,
    ReLU,
    ReLU6,
    /// <summary>x * relu6(x + 3) / 6 (MobileNetV3, the once-for-all supernet).</summary>
    HardSwish,
    /// <summary>relu6(x + 3) / 6: the gate of MobileNetV3's squeeze-and-excitation.</summary>
    HardSigmoid,
}
