using Repro.Models;
using Repro.Models.Layers;
using Repro.Models.OnceForAll;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Unit.Models;

/// <summary>Small inputs and model states the model tests share.</summary>
internal static class TestModels
{
    /// <summary>A two-unit OFA supernet on 16x16 images: every elastic dimension, SE and h-swish, in milliseconds.</summary>
    public static OfaSpec TinyOfa { get; } = new(new[] { 8, 16 }, new[] { 2, 2 }, new[] { false, true },
        new[] { ActivationFunction.ReLU, ActivationFunction.HardSwish }, StemStride: 2, StemWidth: 8, FinalExpandWidth: 32, FeatureMixWidth: 24, Name: "OFA-tiny");

    public static InputShape Small(int side) => new(3, side, side, InputNormalization.Cifar10Mean, InputNormalization.Cifar10Std);

    public static Tensor Pixels(int n, InputShape input, int seed = 0)
    {
        var generator = new Generator((ulong)seed);
        return rand(new long[] { n, input.Channels, input.Height, input.Width }, generator: generator);
    }

    /// <summary>
    /// Random batch-norm statistics and affine parameters, so that eval-mode outputs depend on every channel
    /// (a fresh network's unit statistics make many comparisons trivially pass).
    /// </summary>
    public static void RandomizeBatchNorm(nn.Module model, int seed = 1)
    {
        var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var bn in model.modules().OfType<BatchNorm2d>())
        {
            long c = bn.running_mean!.shape[0];
            bn.running_mean!.copy_(randn(new long[] { c }, generator: generator) * 0.1);
            bn.running_var!.copy_(rand(new long[] { c }, generator: generator) * 0.5 + 0.75);
            bn.weight!.copy_(rand(new long[] { c }, generator: generator) * 0.5 + 0.75);
            bn.bias!.copy_(randn(new long[] { c }, generator: generator) * 0.1);
        }
    }

    /// <summary>Calibrates every quantizable layer on <paramref name="calibration"/>, then switches them to 8-bit.</summary>
    public static void Quantize(Classifier model, Tensor calibration)
    {
        foreach (var layer in model.QuantizableLayers()) { layer.ResetInputRange(); layer.Mode = QuantizationMode.Calibrate; }
        using (no_grad()) model.forward(calibration).Dispose();
        foreach (var layer in model.QuantizableLayers()) layer.Mode = QuantizationMode.Int8;
    }

    /// <summary>A fixture file written by Models/Fixtures/torchvision_reference.py.</summary>
    public static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Models", "Fixtures", name);

    /// <summary>torchvision's state-dict names and shapes, in its order ("name" -> "d0,d1,...").</summary>
    public static IReadOnlyList<(string Name, string Shape)> TorchvisionKeys(string model) =>
        File.ReadAllLines(Fixture($"torchvision_{model}.keys.txt"))
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], parts[1]))
            .ToList();

    /// <summary>Our model's tensors under their PyTorch names, with shapes written as in the fixtures.</summary>
    public static IReadOnlyList<(string Name, string Shape)> PyTorchNamesAndShapes(Classifier model)
    {
        var ours = model.state_dict();
        return PyTorchStateDict.KeyMap(model).Select(kv => (kv.Value, string.Join(",", ours[kv.Key].shape))).ToList();
    }

    public static double MaxAbsDifference(Tensor a, Tensor b)
    {
        using var diff = (a - b).abs().max();
        return diff.item<float>();
    }
}
