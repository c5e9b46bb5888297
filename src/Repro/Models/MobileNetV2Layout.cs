namespace Repro.Models;

/// <summary>Which published MobileNetV2 (Sandler et al. 2018) a <see cref="MobileNetV2Spec"/> builds.</summary>
public enum MobileNetV2Layout
{
    /// <summary>
    /// kuangliu/pytorch-cifar's CIFAR MobileNetV2 (2.30M parameters for 10 classes): stride-1 stem, first
    /// 24-channel stage at stride 1, ReLU, an expansion 1x1 even where t = 1, a 1x1 projection shortcut
    /// wherever the stride is 1 and the width changes, no dropout.
    /// </summary>
    Cifar,

    /// <summary>torchvision's <c>mobilenet_v2</c> (3.50M parameters for 1000 classes): stride-2 stem, ReLU6, identity shortcuts only, dropout 0.2.</summary>
    ImageNet,
}
