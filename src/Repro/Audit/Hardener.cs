using System.Diagnostics;
using Repro.Data;
using Repro.Defense;
using Repro.Models;
using Repro.Progress;
using Repro.Training;

namespace Repro.Audit;

/// <summary>
/// Similarity unpairing, finetune-last (§V-B, §VI: the published sibling fine-tuned against the frozen server): a copy
/// of the sibling trained with cross-entropy plus λ times an input-gradient penalty, with the one training loop and the
/// harness's finetune-last recipe (<see cref="HardenSettings"/>). The penalty's shape is the paper's signed cosine or
/// |cos| / cos² (orthogonal gradients, <see cref="CosineShape"/>).
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
        var schedule = settings.Schedule;
        var images = settings.TrainImages is int n && n < train.Count
            ? train.Select(SampleDraw.Draw(train.Count, n, settings.Seed))
            : train;
        try
        {
            // The batches the harness's fine-tunes draw (ModelZoo.Train): the seed's order and augmentation.
            var batches = new SeededBatches(images, schedule.BatchSize, settings.Seed,
                augmentation: schedule.Augment ? new Augmentation(settings.Seed) : null, channelsLast: schedule.ChannelsLast);
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
