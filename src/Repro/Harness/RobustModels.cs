using Repro.Defense;
using Repro.Harness.Planning;
using Repro.Models;
using Repro.Profiles;
using Repro.Training;
using TorchSharp;

namespace Repro.Harness;

/// <summary>
/// The adversarially robust models of Appendices H and I and §VI-D, as recipes in the same artifact cache as
/// <see cref="ModelZoo"/>'s: any architecture trained with PGD-7 adversarial training (from scratch, or at small profiles
/// fine-tuned from the same architecture's cross-entropy model: <see cref="RobustSettings.Start"/>), and a student made by
/// Goldblum et al.'s robust distillation. Siblings of a robust server (8-bit, pruned, distilled) come from the zoo's own
/// mechanisms applied to it.
/// </summary>
public sealed class RobustModels
{
    readonly Lazy<ProfileData> data;
    readonly TorchSharp.torch.Device device;

    /// <summary>The robust recipes of <paramref name="zoo"/>'s profile (its robust settings are validated here, before anything trains).</summary>
    public RobustModels(ModelZoo zoo, Lazy<ProfileData> data, TorchSharp.torch.Device device)
    {
        Zoo = zoo;
        this.data = data;
        this.device = device;
        Profile.Robust.Validate();
    }

    ModelZoo Zoo { get; }
    Profile Profile => Zoo.Profile;
    RobustSettings Settings => Profile.Robust;

    /// <summary>The robust server of Table XIII (Appendix H's "AT of ResNet50"), also Table XIV's robust ResNet50-architecture sibling.</summary>
    public ModelHandle Server(int seed) => Trained("server", Profile.Models.Server, seed);

    /// <summary>Table XIII's "Baseline (a new)": the robust server's recipe with another initialisation and data order.</summary>
    public ModelHandle ANew(int seed) => Trained("a new", Profile.Models.Server, seed + ModelZoo.NewModelSeedOffset);

    /// <summary>The training attack's recipe text: "pgd(eps=...;step=...;steps=7;start=uniform)".</summary>
    public string AttackText => PgdTrainingAttack.DescribeFor(Settings.Epsilon, Settings.StepSize, Settings.Steps, Settings.RandomStart);

    /// <summary>The schedule of an adversarial fine-tune: the training recipe restarted over <see cref="RobustSettings.FinetuneEpochs"/> (as the unpairing fine-tunes).</summary>
    public TrainingSettings FinetuneSchedule => Profile.Training with { Epochs = Settings.FinetuneEpochs, WarmupEpochs = 0 };

    /// <summary><paramref name="architecture"/> trained adversarially (PGD-7, cross-entropy on the adversarial examples).</summary>
    public ModelHandle Trained(string role, ArchitectureSpec architecture, int seed)
    {
        string objective = AdversarialTraining.DescribeFor(AttackText, CrossEntropyObjective.Instance.Describe());
        if (Settings.Start == RobustStart.FromScratch)
        {
            var recipe = new ModelRecipe($"robust {role}", architecture, data.Value.Identity, TrainingProcedure.Describe(Profile.Training, objective), Array.Empty<Artifacts.ArtifactKey>(), seed);
            return Zoo.Handle(recipe, partial =>
            {
                var model = Zoo.Fresh(architecture, seed);
                using var training = new AdversarialTraining(Attack(Settings.Steps, seed));
                var log = Zoo.Train(model, Profile.Training, training, seed, partial, $"robust {role} {architecture.DisplayName} s{seed}");
                return Zoo.Summarise(model, log);
            }, work: AdversarialWork(architecture, Settings.Steps, Profile.Training.Epochs, "adversarial training from scratch"));
        }
        var start = Zoo.Trained(role, architecture, seed);
        var schedule = FinetuneSchedule;
        var finetune = new ModelRecipe($"robust {role}", architecture, data.Value.Identity, $"finetune({TrainingProcedure.Describe(schedule, objective)})", new[] { start.Key }, seed);
        return Zoo.Handle(finetune, partial =>
        {
            var model = ModelCloning.Clone(start.Model);
            model.to(device);
            using var training = new AdversarialTraining(Attack(Settings.Steps, seed));
            var log = Zoo.Train(model, schedule, training, seed, partial, $"robust {role} (fine-tune) {architecture.DisplayName} s{seed}");
            return Zoo.Summarise(model, log);
        }, new[] { start }, work: AdversarialWork(architecture, Settings.Steps, schedule.Epochs, "adversarial fine-tuning"));
    }

    /// <summary>
    /// §VI-D: <paramref name="student"/> made from <paramref name="teacher"/> by Goldblum et al.'s robust distillation (from
    /// scratch, or fine-tuned from the zoo's plainly distilled student of the same teacher: <see cref="RobustSettings.Start"/>).
    /// </summary>
    public ModelHandle Distilled(ArchitectureSpec student, ModelHandle teacher, int seed)
    {
        string objective = AdversariallyRobustDistillation.DescribeFor(
            PgdTrainingAttack.DescribeFor(Settings.Epsilon, Settings.StepSize, Settings.DistillationSteps, Settings.RandomStart),
            Settings.DistillationTemperature, Settings.DistillationAlpha);
        AdversariallyRobustDistillation Objective() =>
            new(teacher.Model, Attack(Settings.DistillationSteps, seed), Settings.DistillationTemperature, Settings.DistillationAlpha);
        if (Settings.Start == RobustStart.FromScratch)
        {
            var recipe = new ModelRecipe("robust distilled", student, data.Value.Identity, TrainingProcedure.Describe(Profile.Training, objective), new[] { teacher.Key }, seed);
            return Zoo.Handle(recipe, partial =>
            {
                var model = Zoo.Fresh(student, seed);
                using var training = Objective();
                var log = Zoo.Train(model, Profile.Training, training, seed, partial, $"robust distilled {student.DisplayName} s{seed}");
                return Zoo.Summarise(model, log);
            }, new[] { teacher }, work: AdversarialWork(student, Settings.DistillationSteps, Profile.Training.Epochs, "robust distillation from scratch")
                .Plus(TeacherWork(teacher, Profile.Training.Epochs)));
        }
        var start = Zoo.Distilled(student, teacher, seed);
        var schedule = FinetuneSchedule;
        var finetune = new ModelRecipe("robust distilled", student, data.Value.Identity, $"finetune({TrainingProcedure.Describe(schedule, objective)})", new[] { start.Key, teacher.Key }, seed);
        return Zoo.Handle(finetune, partial =>
        {
            var model = ModelCloning.Clone(start.Model);
            model.to(device);
            using var training = Objective();
            var log = Zoo.Train(model, schedule, training, seed, partial, $"robust distilled (fine-tune) {student.DisplayName} s{seed}");
            return Zoo.Summarise(model, log);
        }, new[] { start, teacher }, work: AdversarialWork(student, Settings.DistillationSteps, schedule.Epochs, "robust distillation fine-tune")
            .Plus(TeacherWork(teacher, schedule.Epochs)));
    }

    PgdTrainingAttack Attack(int steps, int seed) => new(Settings.Epsilon, Settings.StepSize, steps, Settings.RandomStart, seed);

    /// <summary>Training steps plus the inner maximisation's <paramref name="steps"/> passes to the input per image: the stated cost of adversarial training.</summary>
    Work AdversarialWork(ArchitectureSpec architecture, int steps, double epochs, string what) =>
        Zoo.TrainingWork(architecture, Pass.Train, epochs, what).Plus(Work.Of(new WorkTerm(architecture, data.Value.Input.Height, Pass.InputGradient,
            steps * epochs * data.Value.Train.Count, $"PGD-{steps} inner maximisation ({steps} forward and backward passes to the input a step)")));

    Work TeacherWork(ModelHandle teacher, double epochs) =>
        Work.Of(new WorkTerm(teacher.Recipe.Architecture, data.Value.Input.Height, Pass.Forward, epochs * data.Value.Train.Count, "the teacher's logits"));
}
