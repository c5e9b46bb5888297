using Repro.Metrics;
using System.Globalization;
using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;
using Repro.Progress;
using Repro.Harness.Artifacts;
using Repro.Claims;
using Repro.Harness.Planning;

namespace Repro.Harness;

/// <summary>
/// Models by recipe: loaded from the artifact cache when present, otherwise built once (and saved
/// atomically). Loaded models are kept for the life of the store, so every row and claim that needs
/// the server of seed 0 shares one instance. The store owns them.
/// </summary>
public sealed class ModelStore : IDisposable
{
    const string ModelFile = "model.bin";
    readonly ArtifactStore artifacts;
    readonly IProgressSink progress;
    readonly Device device;
    // One lazy per key: two workers asking for the same model wait for one build; different models build in parallel.
    readonly System.Collections.Concurrent.ConcurrentDictionary<ArtifactKey, Lazy<Classifier>> loaded = new();

    public ModelStore(ArtifactStore artifacts, IProgressSink progress, Device device)
    {
        this.artifacts = artifacts;
        this.progress = progress;
        this.device = device;
    }

    /// <summary>
    /// Set for a planning run: while it records, <see cref="Get"/> returns a <see cref="PlannedModel"/> (nothing is built or
    /// loaded, nothing is kept) and the evaluator records instead of measuring.
    /// </summary>
    public PlanRecorder? Planning { get; init; }

    /// <summary>What a build step returns: the model and a few numbers worth keeping in the manifest.</summary>
    public sealed record Built(Classifier Model, IReadOnlyDictionary<string, string> Summary);

    /// <summary>
    /// The model for <paramref name="recipe"/>; <paramref name="build"/> runs only when it is not cached,
    /// and receives a folder for resumable checkpoints that survives an interrupted run.
    /// </summary>
    public Classifier Get(ModelRecipe recipe, InputShape input, int classes, Func<string, Built> build)
    {
        if (Planning is { Recording: true } planning)
        {
            planning.Read(recipe.Key);
            return new PlannedModel(recipe, input, classes);
        }
        return loaded.GetOrAdd(recipe.Key, key => new Lazy<Classifier>(() =>
        {
            Built? fresh = null;
            var dir = artifacts.GetOrBuild(recipe, temp =>
            {
                progress.Note($"building {recipe.Role} ({recipe.Architecture.DisplayName}, seed {recipe.Seed}) -> {key}");
                fresh = build(artifacts.PartialDirectory(key));
                fresh.Model.save(Path.Combine(temp, ModelFile));
            }, () => fresh?.Summary ?? new Dictionary<string, string>());
            var model = fresh?.Model ?? Load(dir, recipe, input, classes);
            model.to(device);
            model.eval();
            return model;
        }, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>A number the build step stored in the manifest (e.g. Metric.Sparsity), or null.</summary>
    public double? SummaryValue(ModelRecipe recipe, string name)
    {
        var manifest = artifacts.Manifest(recipe.Key);
        return manifest is not null && manifest.Summary.TryGetValue(name, out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    static Classifier Load(string dir, ModelRecipe recipe, InputShape input, int classes)
    {
        var path = Path.Combine(dir, ModelFile);
        var model = recipe.Architecture.Create(input, classes);
        try
        {
            model.load(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            model.Dispose();
            throw new CorruptArtifactException(
                $"cached model '{path}' ({recipe.Role}, {recipe.Architecture.Describe()}) could not be loaded: {e.Message}. Delete '{dir}' to rebuild it.", e);
        }
        return model;
    }

    public void Dispose()
    {
        foreach (var model in loaded.Values.Where(l => l.IsValueCreated)) model.Value.Dispose();
        loaded.Clear();
    }
}
