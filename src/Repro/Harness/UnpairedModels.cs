using Repro.Defense;
using Repro.Profiles;
using Repro.Mechanisms;
using Repro.Models;
using Repro.Training;
using TorchSharp;
using Repro.Harness.Planning;

namespace Repro.Harness;

/// <summary>
/// The on-device models similarity-unpairing makes (§V-B, §VI, Appendix F), as recipes in the same
/// artifact cache as <see cref="ModelZoo"/>'s: the server fine-tuned with one or more penalties (Tables III,
/// IV), trained from scratch with them (Tables XI, XII), and each mechanism combined with the defense by
/// finetune-first, finetune-last or jointly (Tables VI–IX). The frozen original f of every penalty is the
/// server of the same seed, the model the attacker targets.
/// </summary>
public sealed class UnpairedModels
{
    readonly Lazy<ProfileData> data;
    readonly TorchSharp.torch.Device device;

    /// <summary>The unpairing recipes of <paramref name="zoo"/>'s profile (its unpairing settings are validated here, before anything trains).</summary>
    public UnpairedModels(ModelZoo zoo, Lazy<ProfileData> data, TorchSharp.torch.Device device)
    {
        Zoo = zoo;
        this.data = data;
        this.device = device;
        Profile.Unpairing.Validate();
    }

    Profile Profile => Zoo.Profile;
    UnpairingSettings Settings => Profile.Unpairing;
    ModelZoo Zoo { get; }

    /// <summary>The training recipe restarted for a fine-tune of <paramref name="fraction"/> of its epochs (ProtocolChoice "Unpairing.FinetuneSchedule").</summary>
    public TrainingSettings FinetuneSchedule(double fraction) => Settings.FinetuneSchedule(Profile.Training, fraction);

    /// <summary>The single penalty §VI combines with every mechanism.</summary>
    public IReadOnlyList<UnpairingPenalty> StrategyPenalties => new[] { UnpairingPenalty.Create(Settings.StrategyPenalty, Settings.StrategyLambda) };

    /// <summary>Tables III and IV: the server fine-tuned for <see cref="UnpairingSettings.FinetuneFraction"/> of its epochs against itself.</summary>
    public ModelHandle Finetuned(int seed, IReadOnlyList<UnpairingPenalty> penalties)
    {
        var server = Zoo.Server(seed);
        return Finetune("unpaired", server, server, penalties, FinetuneSchedule(Settings.FinetuneFraction), seed);
    }

    /// <summary>
    /// Tables XI and XII: the server's architecture trained from scratch with the objective, with the seed of
    /// "Baseline (a new)"; with every λ = 0 it is that very model (the same recipe and cache entry).
    /// </summary>
    public ModelHandle FromScratch(int seed, IReadOnlyList<UnpairingPenalty> penalties)
    {
        if (penalties.All(p => p.Lambda == 0)) return Zoo.ANew(seed);
        var server = Zoo.Server(seed);
        int newSeed = seed + ModelZoo.NewModelSeedOffset;
        var architecture = Profile.Models.Server;
        var recipe = new ModelRecipe("unpaired from scratch", architecture, data.Value.Identity,
            TrainingProcedure.Describe(Profile.Training, SimilarityUnpairing.DescribeFor(penalties, "ce")), new[] { server.Key }, newSeed);
        return Zoo.Handle(recipe, partial =>
        {
            var model = Zoo.Fresh(architecture, newSeed);
            var objective = new SimilarityUnpairing(server.Model, penalties);
            var log = Zoo.Train(model, Profile.Training, objective, newSeed, partial, $"from scratch {objective.Describe()} s{newSeed}");
            return Zoo.Summarise(model, log);
        }, new[] { server }, work: PenalisedTraining(architecture, server, penalties, Profile.Training.Epochs, "training from scratch with the penalties"));
    }

    /// <summary>Table VI: the 8-bit on-device model made with the defense by <paramref name="strategy"/>.</summary>
    public ModelHandle Quantized(UnpairingStrategy strategy, int seed)
    {
        StrategyApplicability.Require("quantization", strategy);
        var server = Zoo.Server(seed);
        var schedule = FinetuneSchedule(Settings.FinetuneFraction);
        switch (strategy)
        {
            case UnpairingStrategy.FinetuneFirst:
                return Zoo.Quantized(Finetuned(seed, StrategyPenalties), seed, "quantized FF");
            case UnpairingStrategy.FinetuneLast:
                return Finetune("quantized FL", Zoo.Quantized(seed), server, StrategyPenalties, schedule, seed);
            default:
                var penalties = StrategyPenalties;
                double alpha = Settings.QatAlpha;
                return Finetune("quantized JF (QAT)", Zoo.Quantized(seed), server,
                    QuantizationAwareUnpairing.DescribeFor(alpha, SimilarityUnpairing.DescribeFor(penalties, "ce")),
                    () => new QuantizationAwareUnpairing(new SimilarityUnpairing(server.Model, penalties), alpha), schedule, seed, penalties: penalties);
        }
    }

    /// <summary>Table VII: the pruned on-device model made with the defense (FF prunes an unpaired server; FL fine-tunes the pruned model, keeping its mask).</summary>
    public ModelHandle Pruned(UnpairingStrategy strategy, int seed)
    {
        StrategyApplicability.Require("pruning", strategy);
        if (strategy == UnpairingStrategy.Jointly)
            throw new NotSupportedException("joint pruning (the paper's variational-dropout mask, §VI-C) is not implemented: the paper reports it reduces accuracy to ~20% and prints no row for it");
        if (strategy == UnpairingStrategy.FinetuneFirst)
            return Zoo.Pruned(Finetuned(seed, StrategyPenalties), seed, "pruned FF");
        return Finetune("pruned FL", Zoo.Pruned(seed), Zoo.Server(seed), StrategyPenalties, FinetuneSchedule(Settings.FinetuneFraction), seed, keepPruningMask: true);
    }

    /// <summary>Table VIII: a distilled student made with the defense.</summary>
    public ModelHandle Distilled(ArchitectureSpec student, UnpairingStrategy strategy, int seed)
    {
        StrategyApplicability.Require("distillation", strategy);
        var server = Zoo.Server(seed);
        switch (strategy)
        {
            case UnpairingStrategy.FinetuneFirst:
                return Zoo.Distilled(student, Finetuned(seed, StrategyPenalties), seed, "distilled FF");
            case UnpairingStrategy.FinetuneLast:
                return Finetune("distilled FL", Zoo.Distilled(student, seed), server, StrategyPenalties, FinetuneSchedule(Settings.FinetuneFraction), seed);
            default:
                var penalties = StrategyPenalties;
                var m = Profile.Mechanisms;
                var recipe = new ModelRecipe("distilled JF", student, data.Value.Identity,
                    TrainingProcedure.Describe(Profile.Training, SimilarityUnpairing.DescribeFor(penalties, Zoo.DistillationObjectiveText)), new[] { server.Key }, seed);
                return Zoo.Handle(recipe, partial =>
                {
                    var distillation = new DistillationLoss(server.Model, m.DistillationTemperature, m.DistillationRatio, m.DistillationScaleByTemperatureSquared);
                    var objective = new SimilarityUnpairing(server.Model, penalties, distillation);
                    var model = Zoo.Fresh(student, seed);
                    var log = Zoo.Train(model, Profile.Training, objective, seed, partial, $"distilled JF {student.DisplayName} s{seed}");
                    return Zoo.Summarise(model, log);
                }, new[] { server }, work: PenalisedTraining(student, server, penalties, Profile.Training.Epochs, "distillation with the penalties")
                    .Plus(Work.Of(new WorkTerm(server.Recipe.Architecture, data.Value.Input.Height, Pass.Forward, Profile.Training.Epochs * (double)data.Value.Train.Count, "the teacher's logits"))));
        }
    }

    /// <summary>
    /// Table IX and §VI-F: an on-device model (a new architecture trained from scratch, or an OFA sub-network) fine-tuned
    /// last with the defense against <paramref name="server"/>, for <paramref name="fraction"/> of the training epochs.
    /// </summary>
    public ModelHandle FinetunedLast(ModelHandle onDevice, ModelHandle server, double fraction, int seed, string role) =>
        Finetune(role, onDevice, server, StrategyPenalties, FinetuneSchedule(fraction), seed);

    ModelHandle Finetune(string role, ModelHandle start, ModelHandle original, IReadOnlyList<UnpairingPenalty> penalties,
        TrainingSettings schedule, int seed, bool keepPruningMask = false) =>
        Finetune(role, start, original, SimilarityUnpairing.DescribeFor(penalties, "ce"),
            () => new SimilarityUnpairing(original.Model, penalties), schedule, seed, keepPruningMask, penalties);

    /// <summary>
    /// A copy of <paramref name="start"/> trained further with an objective against <paramref name="original"/>; the recipe
    /// names both parents, the objective and the schedule, so every table that asks for the same fine-tune shares it.
    /// </summary>
    ModelHandle Finetune(string role, ModelHandle start, ModelHandle original, string objectiveText, Func<ITrainingObjective> objective,
        TrainingSettings schedule, int seed, bool keepPruningMask = false, IReadOnlyList<UnpairingPenalty>? penalties = null)
    {
        // An 8-bit start trains as an 8-bit model (straight-through gradients, batch norm on batch statistics; Models/Layers/ConvBn).
        bool eightBit = start.Recipe.EightBit;
        var procedure = $"finetune({TrainingProcedure.Describe(schedule, objectiveText)};keep-pruning-mask={(keepPruningMask ? 1 : 0)}" +
            (eightBit ? ";int8-training=batch-norm-batch-statistics)" : ")");
        var recipe = new ModelRecipe(role, start.Recipe.Architecture, data.Value.Identity, procedure, new[] { start.Key, original.Key }, seed) { EightBit = eightBit };
        return Zoo.Handle(recipe, partial =>
        {
            var model = ModelCloning.Clone(start.Model);
            model.to(device);
            using var mask = keepPruningMask ? new PruningMask(model) : null;
            var log = Zoo.Train(model, schedule, objective(), seed, partial, $"{role} {objectiveText} s{seed}", mask);
            return Zoo.Summarise(model, log);
        }, new[] { start, original }, work: PenalisedTraining(start.Recipe.Architecture, original, penalties ?? Array.Empty<UnpairingPenalty>(), schedule.Epochs, "fine-tuning with the penalties"));
    }

    /// <summary>
    /// Training <paramref name="architecture"/> against the frozen <paramref name="original"/>: double backpropagation when a
    /// penalty compares input-gradients (the original's input-gradient each step too), else the original's forward pass.
    /// </summary>
    Work PenalisedTraining(Models.ArchitectureSpec architecture, ModelHandle original, IReadOnlyList<UnpairingPenalty> penalties, double epochs, string what)
    {
        bool gradients = penalties.Any(p => p is InputGradientPenalty && p.Lambda != 0);
        double images = epochs * data.Value.Train.Count;
        return Zoo.TrainingWork(architecture, gradients ? Pass.TrainWithInputGradientPenalty : Pass.Train, epochs, what)
            .Plus(Work.Of(new WorkTerm(original.Recipe.Architecture, data.Value.Input.Height, gradients ? Pass.InputGradient : Pass.Forward, images, "the frozen original's " + (gradients ? "input-gradients" : "outputs"))));
    }
}
