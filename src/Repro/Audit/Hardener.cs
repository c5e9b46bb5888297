using System.Diagnostics;
using Repro.Data;
using Repro.Defense;
using Repro.Models;
using Repro.Progress;
using Repro.Training;

namespace Repro.Audit;

/// <summary>
/// Similarity unpairing, finetune-last (§V-B, §VI: the published sibling fine-tuned against the frozen server): a copy
/// of the sibling trained with cross-entropy plus λ times an input-gradient penalty, with the one training loop. The
/// penalty's shape is the paper's signed cosine or |cos| / cos² (orthogonal gradients, <see cref="CosineShape"/>).
/// </summary>
public sealed class Hardener(HardenSettings settings, IProgressSink progress)
{
    /// <summary>The names `repro harden --penalty` takes, with the shape each selects.</summary>
    public static IReadOnlyDictionary<string, CosineShape> Penalties { get; } = new Dictionary<string, CosineShape>
    {
        ["input-gradient"] = CosineShape.Signed,
        ["abs-cos"] = CosineShape.Absolute,
        ["cos2"] = CosineShape.Squared,
    };

    public (Classifier Model, double Seconds) Run(Classifier server, Classifier device, LabeledImages train, string penalty, double lambda)
    {
        if (!Penalties.TryGetValue(penalty, out var shape))
            throw new ArgumentException($"--penalty '{penalty}' is not one of {string.Join(", ", Penalties.Keys)}");
        var clock = Stopwatch.StartNew();
        var model = ModelCloning.Clone(device);
        var objective = new SimilarityUnpairing(server, new UnpairingPenalty[] { new InputGradientPenalty(lambda, shape) });
        var schedule = new TrainingSettings
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            Schedule = "cosine",
            Augment = true,
        };
        var images = settings.TrainImages is int n && n < train.Count
            ? train.Select(SampleDraw.Draw(train.Count, n, settings.Seed))
            : train;
        try
        {
            var batches = new SeededBatches(images, schedule.BatchSize, settings.Seed, augmentation: new Augmentation(settings.Seed));
            new Trainer(schedule, progress).Train(model, batches.Epoch, batches.BatchesPerEpoch, objective,
                $"hardening {device.Architecture.DisplayName} ({penalty}, λ = {lambda})");
        }
        finally
        {
            if (!ReferenceEquals(images, train)) images.Dispose();
        }
        model.eval();
        return (model, clock.Elapsed.TotalSeconds);
    }
}

/// <summary>The fine-tune's schedule: a short cosine run restarted at the training learning rate (the paper's finetune-last: a fraction of training's epochs, its schedule).</summary>
public sealed record HardenSettings
{
    public int Epochs { get; init; } = 2;
    public double LearningRate { get; init; } = 0.1;
    public int BatchSize { get; init; } = 128;
    public int Seed { get; init; }

    /// <summary>Train on a seeded draw of this many training images (all when null).</summary>
    public int? TrainImages { get; init; }
}
