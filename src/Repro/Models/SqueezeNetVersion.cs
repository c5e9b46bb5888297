namespace Repro.Models;

/// <summary>The two SqueezeNets torchvision ships: the paper's 1.0 and the cheaper 1.1 (same Fire modules, earlier pooling).</summary>
public enum SqueezeNetVersion
{
    /// <summary>Iandola et al.'s SqueezeNet: 7x7/2 96-channel stem, pooling after fire4 and fire8 (torchvision <c>squeezenet1_0</c>).</summary>
    V1_0,

    /// <summary>SqueezeNet 1.1: 3x3/2 64-channel stem, pooling after fire3 and fire5 (torchvision <c>squeezenet1_1</c>).</summary>
    V1_1,
}
