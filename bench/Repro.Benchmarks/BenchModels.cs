using Repro.Models;
using Repro.Profiles;

namespace Repro.Benchmarks;

/// <summary>The networks of the hot paths: the mini profile's, and the paper's CIFAR ResNet50.</summary>
public static class BenchModels
{
    public const string Server = "resnet-mini";
    public const string Prior = "resnet-mini-half";
    public const string Server8Bit = "resnet-mini-int8";

    public static IReadOnlyList<BenchModel> All { get; } = new[]
    {
        new BenchModel(Server, MiniProfile.Server, Seed: 0, Trained: true),
        new BenchModel(Prior, MiniProfile.ResNet18, Seed: 1, Trained: true),
        new BenchModel(Server8Bit, MiniProfile.Server, Seed: 0, QuantizedFrom: Server),
        new BenchModel("nasnet-mini", MiniProfile.NasNet, Seed: 2),
        new BenchModel("mobilenetv2-mini", MiniProfile.MobileNetV2, Seed: 3),
        new BenchModel("squeezenet-mini", MiniProfile.SqueezeNet, Seed: 4),
        new BenchModel("resnet50", ResNetSpec.ResNet50, Seed: 5),
    };

    public static BenchModel Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"no bench model '{name}'; expected one of {string.Join(", ", All.Select(m => m.Name))}");
}
