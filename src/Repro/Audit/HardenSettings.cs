using Repro.Profiles;
using Repro.Training;

namespace Repro.Audit;

/// <summary>
/// How `repro harden` fine-tunes: by default the harness's finetune-last recipe at the mini profile (Table VI's FL row,
/// Harness/UnpairedModels.Quantized): the training recipe restarted for Unpairing.FinetuneFraction of its epochs, so SGD
/// at lr 0.1, momentum 0.9, weight decay 5e-4, cosine to 0 with no warm-up, batch 128, crop + flip, 2 epochs (10% of 15),
/// on every training image, with the profile's seed.
/// </summary>
public sealed record HardenSettings
{
    public required TrainingSettings Schedule { get; init; }
    public int Seed { get; init; }

    /// <summary>Train on a seeded draw of this many training images (all when null, as the harness does).</summary>
    public int? TrainImages { get; init; }

    /// <summary>The finetune-last recipe of <paramref name="profile"/> (the mini profile's by default), with <paramref name="seed"/>.</summary>
    public static HardenSettings For(Profile profile, int seed) => new()
    {
        Schedule = profile.Unpairing.FinetuneSchedule(profile.Training, profile.Unpairing.FinetuneFraction),
        Seed = seed,
    };

    /// <summary>The mini profile's recipe, which made Table VI's mini FL row from the very pair examples/audit exports.</summary>
    public static HardenSettings Default(int seed = 0) => For(ProfileCatalog.Get("mini"), seed);

    /// <summary>One line naming every setting that changes the fine-tuned weights (in the written model's metadata).</summary>
    public string Describe() =>
        $"{Schedule.Epochs} epoch(s), SGD lr {Num(Schedule.LearningRate)} (momentum {Num(Schedule.Momentum)}, weight decay {Num(Schedule.WeightDecay)}" +
        $"{(Schedule.Nesterov ? ", Nesterov" : "")}), {Schedule.Schedule} schedule, warm-up {Num(Schedule.WarmupEpochs)} epoch(s), batch {Schedule.BatchSize}, " +
        $"{(Schedule.Augment ? "crop + flip" : "no augmentation")}, {(TrainImages is int n ? $"{n} training images" : "all training images")}, seed {Seed}";

    static string Num(double value) => value.ToString("G", System.Globalization.CultureInfo.InvariantCulture);
}
