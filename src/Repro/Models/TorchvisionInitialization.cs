using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// He-normal fan-out initialisation of every convolution, zero conv biases, batch norm at (1, 0): what
/// torchvision's ImageNet ResNet and MobileNetV2, once-for-all ("he_fout") and TF-slim's NASNet
/// (variance scaling over fan-out) all use. It matters when these networks are trained from scratch
/// (Table I trains ImageNet MobileNetV2 and SqueezeNet "with the same hyper-parameters used for
/// constructing pre-trained models", App. B).
/// </summary>
public static class TorchvisionInitialization
{
    public static void Apply(nn.Module module)
    {
        using var noGrad = no_grad();
        // nn.init returns a second handle to each tensor; the scope releases those handles, not the weights.
        using var scope = NewDisposeScope();
        foreach (var layer in module.modules().OfType<ConvBn>())
        {
            nn.init.kaiming_normal_(layer.Conv.weight!, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
            layer.Conv.bias?.zero_();
            if (layer.Norm is { } bn)
            {
                bn.weight!.fill_(1);
                bn.bias!.zero_();
            }
        }
    }

    /// <summary>N(0, 0.01) weights and zero bias: torchvision's MobileNetV2 classifier.</summary>
    public static void SmallNormal(QuantizableLinear linear)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        nn.init.normal_(linear.Linear.weight!, 0, 0.01);
        linear.Linear.bias?.zero_();
    }
}
