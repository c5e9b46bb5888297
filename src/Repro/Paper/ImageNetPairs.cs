using Repro.Metrics;
using System.Globalization;
using Repro.Mechanisms;
using Repro.Models;
using TorchSharp;
using static Repro.Paper.Table01_OnDevicePriors;
using Repro.Harness;
using Repro.Harness.Artifacts;
using Repro.Harness.ImageNet;

namespace Repro.Paper;

/// <summary>
/// Table I's ImageNet rows: torchvision's pretrained ResNet50 as the server and on-device models made
/// from it (8-bit, pruned) or pretrained independently (MobileNetV2, SqueezeNet, a second ResNet50),
/// evaluated on a draw of the validation set. They run only at a GPU profile with REPRO_IMAGENET (a
/// validation folder in ImageFolder layout) and REPRO_WEIGHTS (the checkpoints) set; otherwise each row
/// says which of those is missing.
/// </summary>
public static class ImageNetPairs
{
    const string Group = "ImageNet";
    const int Classes = 1000;

    public static IReadOnlyList<PriorRow> Rows { get; } = new PriorRow[]
    {
        new("imagenet/as-is", Group, "Baseline (as-is) — ResNet50 (pretrained)", Server, (c, s) => Server(c, s), c => Unavailable(c, "resnet50")),
        new("imagenet/a-new", Group, "Baseline (a new) — ResNet50 trained anew", Server, (c, s) => Pretrained(c, s, "resnet50-anew", ResNetSpec.ResNet50ImageNet), c => Unavailable(c, "resnet50", "resnet50-anew")),
        new("imagenet/no-prior", Group, "Baseline (no f_o)", Server, (_, _) => null, c => Unavailable(c, "resnet50")),
        new("imagenet/quantization", Group, "Quantization — ResNet50 (8-bit)", Server, Quantized, c => Unavailable(c, "resnet50")),
        new("imagenet/pruning", Group, "Pruning — ResNet50 (l1-unstructured)", Server, Pruned, c => Unavailable(c, "resnet50")),
        new("imagenet/nas-nasnet", Group, "NAS — NASNet", Server, (_, _) => null,
            _ => "NASNet-A Mobile's ImageNet weights are not a torchvision model; Repro has no ImageNet NASNet port to load them into"),
        new("imagenet/manual-mobilenetv2", Group, "Manual-arch. — MobileNetV2 (pretrained)", Server, (c, s) => Pretrained(c, s, "mobilenet_v2", MobileNetV2Spec.ImageNet), c => Unavailable(c, "resnet50", "mobilenet_v2")),
        new("imagenet/manual-squeezenet", Group, "Manual-arch. — SqueezeNet (pretrained)", Server, (c, s) => Pretrained(c, s, "squeezenet1_0", SqueezeNetSpec.ImageNet), c => Unavailable(c, "resnet50", "squeezenet1_0")),
    }.Select(r => r with { Images = c => Data(c).Evaluation }).ToList();

    /// <summary>Why the ImageNet rows cannot run here, or null.</summary>
    public static string? Unavailable(RunContext context, params string[] checkpoints)
    {
        if (!context.Profile.RequiresGpu)
            return $"ImageNet rows run only at a GPU profile: 224x224 ResNet50 attacks and 4000-query P-RGF on 1000 images are beyond the '{context.Profile.Name}' profile's CPU budget";
        if (context.Environment.ImageNetPath is null)
            return "set REPRO_IMAGENET to an ImageNet validation folder (<wnid>/<image>.JPEG, the ImageFolder layout) to measure this row";
        return checkpoints.Select(name => PretrainedWeights.Missing(context.Environment.WeightsPath, name)).FirstOrDefault(m => m is not null);
    }

    static ImageNetData Data(RunContext context) =>
        ImageNetData.Load(context.Environment.ImageNetPath ?? throw new InvalidOperationException("REPRO_IMAGENET is not set"), context.Profile.Data);

    static ModelHandle Server(RunContext context, int seed) => Pretrained(context, seed, "resnet50", ResNetSpec.ResNet50ImageNet);

    /// <summary>A user-supplied torchvision checkpoint, loaded by name mapping with every key and shape checked.</summary>
    public static ModelHandle Pretrained(RunContext context, int seed, string name, ArchitectureSpec spec)
    {
        var path = PretrainedWeights.Find(context.Environment.WeightsPath, name)
            ?? throw new FileNotFoundException(PretrainedWeights.Missing(context.Environment.WeightsPath, name));
        var recipe = new ModelRecipe($"pretrained {name}", spec, "imagenet", $"pretrained({name};sha256={PretrainedWeights.Fingerprint(path)})",
            Array.Empty<Harness.Artifacts.ArtifactKey>(), seed);
        return Handle(context, recipe, () =>
        {
            var model = spec.Create(InputShape.ImageNet, Classes);
            PyTorchStateDict.Load(model, path);
            return model;
        }, Array.Empty<ModelHandle>());
    }

    static ModelHandle Quantized(RunContext context, int seed)
    {
        var server = Server(context, seed);
        var mechanism = new Int8Quantization(context.Profile.Mechanisms.CalibrationImages);
        var recipe = new ModelRecipe("quantized", server.Recipe.Architecture, "imagenet", $"{mechanism.Describe()};calibration=val-heldout", new[] { server.Key }, seed) { EightBit = true };
        return Handle(context, recipe, () =>
        {
            var data = Data(context);
            using var calibration = data.Images.Select(data.HeldOutIndices.Take(mechanism.CalibrationImages).ToArray());
            using var images = calibration.Images.to(context.Device);
            return mechanism.Derive(server.Model, images);
        }, new[] { server }, mechanism.CalibrationImages);
    }

    static ModelHandle Pruned(RunContext context, int seed)
    {
        var server = Server(context, seed);
        var m = context.Profile.Mechanisms;
        var mechanism = new L1UnstructuredPruning(m.PruningStep, m.PruningMaxDrop, m.PruningDropUnit, m.PruningScope);
        var recipe = new ModelRecipe("pruned", server.Recipe.Architecture, "imagenet", $"{mechanism.Describe()};accuracy-set=val-heldout", new[] { server.Key }, seed);
        return Handle(context, recipe, () =>
        {
            var data = Data(context);
            using var heldOut = data.Images.Select(data.HeldOutIndices);
            return mechanism.Derive(server.Model, model => context.Zoo.AccuracyOn(model, heldOut)).Model;
        }, new[] { server }, Math.Ceiling(1 / m.PruningStep) * Data(context).HeldOutIndices.Length);
    }

    /// <param name="images">The images the mechanism itself passes forward (calibration, pruning's accuracy checks), for the plan's estimate.</param>
    static ModelHandle Handle(RunContext context, ModelRecipe recipe, Func<Classifier> build, IReadOnlyList<ModelHandle> parents, double images = 0) =>
        context.Zoo.Handle(recipe, InputShape.ImageNet, Classes, _ =>
        {
            var model = build();
            model.to(context.Device);
            model.eval();
            var data = Data(context);
            using var heldOut = data.Images.Select(data.HeldOutIndices);
            var summary = new Dictionary<string, string>
            {
                ["test_accuracy"] = context.Zoo.AccuracyOn(model, heldOut).ToString("R", CultureInfo.InvariantCulture),
                ["parameters"] = model.ParameterCount().ToString(CultureInfo.InvariantCulture),
            };
            if (recipe.Role == "pruned") summary["sparsity"] = L1UnstructuredPruning.Sparsity(model).ToString("R", CultureInfo.InvariantCulture);
            return new ModelStore.Built(model, summary);
        }, parents, work: Harness.Planning.Work.Of(
            new Harness.Planning.WorkTerm(recipe.Architecture, InputShape.ImageNet.Height, Harness.Planning.Pass.Forward, images, "the mechanism's own passes"),
            new Harness.Planning.WorkTerm(recipe.Architecture, InputShape.ImageNet.Height, Harness.Planning.Pass.Forward, Data(context).HeldOutIndices.Length, "held-out accuracy")));
}
