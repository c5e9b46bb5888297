using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Repro.Attacks;
using Repro.Data;
using Repro.Mechanisms;
using Repro.Models;
using Repro.Profiles;
using Repro.Progress;
using Repro.Recipes;
using Repro.Runtime;
using Repro.Training;
using static TorchSharp.torch;

namespace Repro.Benchmarks;

/// <summary>
/// The weights and images every workload runs on, written once to a folder as safetensors, with manifest.json
/// describing the architectures and the workloads, so that Repro and the PyTorch script read the same bits.
/// Holds the test images (1,000), the first 1,024 training images (eight batches of 128) and, per model, the
/// logits it gives on the first 250 test images, which the PyTorch script compares with its own to prove its
/// port is the same function.
/// </summary>
public sealed class BenchInputs : IDisposable
{
    // Bump when what Prepare writes changes: a folder of another version is rebuilt.
    const int FormatVersion = 2;
    const int TrainCount = 1024;
    const int ReferenceImages = 250;

    BenchInputs(string folder, Dictionary<string, Tensor> data)
    {
        Folder = folder;
        TestImages = data["test_images"];
        TestLabels = data["test_labels"];
        TrainImages = data["train_images"];
        TrainLabels = data["train_labels"];
        foreach (var (key, tensor) in data)
            if (key.StartsWith("logits/", StringComparison.Ordinal)) tensor.Dispose();
    }

    public string Folder { get; }
    public Tensor TestImages { get; }
    public Tensor TestLabels { get; }
    public Tensor TrainImages { get; }
    public Tensor TrainLabels { get; }

    /// <summary>The folder used when none is given: under $REPRO_CACHE (or ~/.cache/repro), beside Repro's artifacts.</summary>
    public static string DefaultFolder =>
        Path.Combine(Environment.GetEnvironmentVariable("REPRO_CACHE") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "repro"), "bench-inputs");

    /// <summary>Reads the folder, preparing it first when it is missing or of another format version.</summary>
    public static BenchInputs Open(string folder, TextWriter log)
    {
        if (!HasCurrentModels(folder)) Prepare(folder, log);
        WriteManifest(folder);
        return new BenchInputs(folder, SafetensorsFile.Read(Path.Combine(folder, "data.safetensors")));
    }

    /// <summary>A fresh copy of a bench model with its stored weights, in evaluation mode.</summary>
    public Classifier Model(string name)
    {
        var entry = BenchModels.Get(name);
        var model = entry.Spec.Create(InputShape.Cifar10, 10);
        Load(model, Path.Combine(Folder, name + ".safetensors"));
        model.eval();
        return model;
    }

    /// <summary>The first <paramref name="count"/> test images and labels (views; owned by this object).</summary>
    public (Tensor Images, Tensor Labels) Test(int count) => (TestImages.narrow(0, 0, count), TestLabels.narrow(0, 0, count));

    // Models and data are rebuilt only when the format changes; the manifest (workloads, settings) is rewritten every time.
    static bool HasCurrentModels(string folder) =>
        File.Exists(Path.Combine(folder, "models.json"))
        && JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "models.json")))?["formatVersion"]?.GetValue<int>() == FormatVersion
        && File.Exists(Path.Combine(folder, "data.safetensors"))
        && BenchModels.All.All(m => File.Exists(Path.Combine(folder, m.Name + ".safetensors")));

    static void Prepare(string folder, TextWriter log)
    {
        Directory.CreateDirectory(folder);
        log.WriteLine($"preparing bench inputs in {folder} (once; trains the mini server and its half-width sibling for 2 epochs)");
        using var scope = NewDisposeScope();
        using var test = EmbeddedSlice.Load(DataSplit.Test);
        using var train = EmbeddedSlice.Load(DataSplit.Train);
        var data = new Dictionary<string, Tensor>
        {
            ["test_images"] = test.Images,
            ["test_labels"] = test.Labels,
            ["train_images"] = train.Images.narrow(0, 0, TrainCount).contiguous(),
            ["train_labels"] = train.Labels.narrow(0, 0, TrainCount).contiguous(),
        };
        var reference = test.Images.narrow(0, 0, ReferenceImages);
        var built = new Dictionary<string, Classifier>();
        var models = new JsonArray();
        foreach (var entry in BenchModels.All)
        {
            Classifier model;
            if (entry.QuantizedFrom is { } source)
                model = new Int8Quantization(calibrationImages: 1000).Derive(built[source], train.Images);
            else
            {
                model = entry.Spec.Create(InputShape.Cifar10, 10, entry.Seed);
                if (entry.Trained) TrainBriefly(model, train, entry.Seed, log, entry.Name);
            }
            model.eval();
            built[entry.Name] = model;
            SafetensorsFile.Write(Path.Combine(folder, entry.Name + ".safetensors"), model.state_dict());
            using (no_grad()) data["logits/" + entry.Name] = model.forward(reference).contiguous();
            models.Add(new JsonObject { ["name"] = entry.Name, ["architecture"] = Architecture(entry.Spec), ["parameters"] = model.ParameterCount() });
            log.WriteLine($"  {entry.Name}: {entry.Spec.Describe()}, {model.ParameterCount()} parameters");
        }
        SafetensorsFile.Write(Path.Combine(folder, "data.safetensors"), data);
        foreach (var model in built.Values) model.Dispose();
        var index = new JsonObject { ["formatVersion"] = FormatVersion, ["referenceImages"] = ReferenceImages, ["models"] = models };
        File.WriteAllText(Path.Combine(folder, "models.json"), index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>manifest.json: the models, the workloads and the attack settings, everything the PyTorch script reads.</summary>
    static void WriteManifest(string folder)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "models.json")))!.AsObject();
        manifest["workloads"] = JsonNode.Parse(JsonSerializer.Serialize(WorkloadCatalog.All, JsonOptions));
        manifest["transfer"] = JsonNode.Parse(JsonSerializer.Serialize(new TransferAttackSettings(), JsonOptions));
        manifest["query"] = JsonNode.Parse(JsonSerializer.Serialize(MiniProfile.Create().Query, JsonOptions));
        var path = Path.Combine(folder, "manifest.json");
        File.WriteAllText(path + ".tmp", manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    static void TrainBriefly(Classifier model, LabeledImages train, int seed, TextWriter log, string name)
    {
        var settings = new TrainingSettings { Epochs = 2, WarmupEpochs = 1, Augment = false, CheckpointEvery = 100 };
        var batches = new SeededBatches(train, settings.BatchSize, seed);
        var result = new Trainer(settings, SilentProgress.Instance).Train(model, batches.Epoch, batches.BatchesPerEpoch, CrossEntropyObjective.Instance, name);
        log.WriteLine($"  {name}: trained 2 epochs in {result.Seconds:F0} s, loss {result.EpochLoss[^1]:F3}");
    }

    // The architecture as the PyTorch script builds it (its mirrors know the mini profile's CIFAR layouts).
    static JsonObject Architecture(ArchitectureSpec spec) => spec switch
    {
        ResNetSpec r => new JsonObject
        {
            ["family"] = "resnet", ["block"] = r.Block.ToString().ToLowerInvariant(), ["blocks"] = new JsonArray(r.BlocksPerStage.Select(b => (JsonNode)b).ToArray()),
            ["width"] = r.BaseWidth, ["stemStride"] = r.StemStride, ["describe"] = r.Describe(),
        },
        MobileNetV2Spec m => new JsonObject
        {
            ["family"] = "mobilenetv2", ["widthMultiplier"] = m.WidthMultiplier, ["stemStride"] = m.EffectiveStemStride,
            ["blocks"] = new JsonArray(m.EffectiveBlocks.Select(b => (JsonNode)b).ToArray()), ["describe"] = m.Describe(),
        },
        SqueezeNetSpec s => new JsonObject
        {
            ["family"] = "squeezenet", ["widthMultiplier"] = s.WidthMultiplier, ["stemStride"] = s.StemStride, ["describe"] = s.Describe(),
        },
        NasNetSpec n => new JsonObject
        {
            ["family"] = "nasnet", ["cellsPerStack"] = n.CellsPerStack, ["filters"] = n.Filters, ["stemMultiplier"] = n.StemMultiplier,
            ["stemStride"] = n.StemStride, ["describe"] = n.Describe(),
        },
        _ => throw new NotSupportedException($"the PyTorch script has no mirror of {spec.Describe()}"),
    };

    static void Load(Classifier model, string path)
    {
        var state = SafetensorsFile.Read(path);
        using (no_grad())
        {
            var (missing, unexpected) = model.load_state_dict(state, strict: true);
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new InvalidDataException($"{path}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        }
        foreach (var tensor in state.Values) tensor.Dispose();
    }

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public void Dispose()
    {
        TestImages.Dispose();
        TestLabels.Dispose();
        TrainImages.Dispose();
        TrainLabels.Dispose();
    }
}
