using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Fakes;

/// <summary>Small real networks and seeded inputs for fast tests.</summary>
static class TinyModels
{
    public static ResNetSpec Spec { get; } = new(ResNetBlock.Basic, new[] { 1, 1 }, 4, 2, "tiny");

    public static Classifier ResNet(int seed = 0)
    {
        torch.manual_seed(seed);
        var model = Spec.Create(InputShape.Cifar10, 10);
        model.eval();
        return model;
    }

    public static Tensor Images(int count, int seed = 0)
    {
        var generator = new Generator((ulong)seed);
        return rand(new long[] { count, 3, 32, 32 }, generator: generator);
    }

    public static Tensor Labels(int count, int seed = 0)
    {
        var generator = new Generator((ulong)seed + 1);
        return randint(0, 10, new long[] { count }, generator: generator);
    }
}

/// <summary>Native settings before any test touches libtorch (see Repro.Runtime.TorchProcessSetup).</summary>
static class UnitTestProcessSetup
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Apply() => Repro.Runtime.TorchProcessSetup.Apply();
}
