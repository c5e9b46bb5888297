using Repro.Profiles;
using Repro.Training;

namespace Repro.Harness;

/// <summary>Canonical text of a training run for recipe hashes: every setting that changes the weights, and none that does not (checkpoint frequency).</summary>
public static class TrainingProcedure
{
    public static string Describe(TrainingSettings s, ITrainingObjective objective) => Describe(s, objective.Describe());

    public static string Describe(TrainingSettings s, string objective) =>
        $"train({objective};epochs={s.Epochs};batch={s.BatchSize};lr={Profile.Format(s.LearningRate)};momentum={Profile.Format(s.Momentum)};" +
        $"wd={Profile.Format(s.WeightDecay)};schedule={s.Schedule};warmup={Profile.Format(s.WarmupEpochs)};augment={(s.Augment ? 1 : 0)}{FastRecipeTerms(s)})";

    // Written only when set, so that every recipe from before these settings existed keeps its key (and its cached model).
    static string FastRecipeTerms(TrainingSettings s) =>
        (s.Nesterov ? ";nesterov=1" : "") +
        (s.Precision != TrainingPrecision.Float32 ? $";precision={s.Precision}" : "") +
        (s.ChannelsLast ? ";channels-last=1" : "");
}
