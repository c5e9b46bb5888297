using Repro.Models;
using Repro.Models.Foreign;
using Repro.Profiles;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Repro.Unit.Models.Foreign;

/// <summary>A small Repro architecture (the smoke profile's server) written as a user would ship its weights, with the metadata beside.</summary>
internal static class ReproWeightsFiles
{
    public static ArchitectureSpec Architecture => SmokeProfile.Server;

    public static readonly string[] CifarClasses = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>The metadata JSON for <paramref name="architecture"/> on CIFAR-10 (its mean/std, its classes); <paramref name="extra"/> is appended inside the object.</summary>
    public static string Metadata(string? architecture = null, int classes = 10, string extra = "") =>
        $"{{\"architecture\": \"{architecture ?? Architecture.Describe()}\", \"height\": 32, \"width\": 32, " +
        "\"mean\": [0.4914, 0.4822, 0.4465], \"std\": [0.247, 0.2435, 0.2616], " +
        $"\"classes\": [{string.Join(", ", CifarClasses.Take(classes).Select(c => $"\"{c}\""))}]{extra}}}";

    /// <summary>A network of <see cref="Architecture"/> with random weights and batch-norm statistics, normalising CIFAR-10 inside (as Repro trains it).</summary>
    public static Classifier Network(int seed = 3, int classes = 10, ArchitectureSpec? architecture = null)
    {
        var model = (architecture ?? Architecture).Create(InputShape.Cifar10, classes, seed);
        TestModels.RandomizeBatchNorm(model, seed);
        model.eval();
        return model;
    }

    /// <summary>
    /// Writes <paramref name="model"/>'s weights to <paramref name="path"/>: "safetensors" (Repro's names), "safetensors-reference"
    /// (the PyTorch reference layout's names), "torch-save" (torch.save zip, reference names) or "torchsharp" (model.save).
    /// </summary>
    public static string Write(Classifier model, string path, string format, string? metadata = null)
    {
        switch (format)
        {
            case "safetensors":
                SafetensorsFile.Write(path, model.state_dict());
                break;
            case "safetensors-reference":
                SafetensorsFile.Write(path, PyTorchStateDict.Export(model));
                break;
            case "torch-save":
                PyTorchPickler.PickleStateDict(path, PyTorchStateDict.Export(model));
                break;
            case "torchsharp":
                model.save(path);
                break;
            default: throw new ArgumentException(format);
        }
        File.WriteAllText(ModelMetadata.PathBeside(path), metadata ?? Metadata());
        return path;
    }

    public static string Extension(string format) => format switch
    {
        "safetensors" or "safetensors-reference" => ".safetensors",
        "torch-save" => ".pth",
        _ => ".bin",
    };

    public static double MaxDifference(Classifier a, Classifier b, int images = 6)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = TestModels.Pixels(images, InputShape.Cifar10, seed: 5);
        return (a.forward(x) - b.forward(x)).abs().max().item<float>();
    }
}
