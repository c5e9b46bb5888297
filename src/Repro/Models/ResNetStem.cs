namespace Repro.Models;

/// <summary>How a ResNet turns pixels into its first feature map.</summary>
public enum ResNetStem
{
    /// <summary>One 3x3 convolution (stride <see cref="ResNetSpec.StemStride"/>), no max-pool: the CIFAR layout of kuangliu/pytorch-cifar.</summary>
    Cifar,

    /// <summary>7x7 stride-2 convolution then 3x3 stride-2 max-pool: torchvision's ImageNet layout, so its pretrained weights load.</summary>
    ImageNet,
}
