using System.Globalization;
using Repro.Data;
using Repro.Profiles;
using Repro.Progress;
using Repro.Mechanisms;
using Repro.Metrics;
using Repro.Models;
using Repro.Models.OnceForAll;
using Repro.Training;
using TorchSharp;
using static TorchSharp.torch;
using Repro.Harness.Artifacts;
using Repro.Harness.Planning;

namespace Repro.Harness;

/// <summary>
/// The models of one profile by role: the server f_s of a seed and the on-device siblings made from it
/// by each mechanism of §IV-A. Each is a recipe (so its key is known without building it) plus the
/// code that builds it once; every experiment and claim asks the zoo, so nothing trains twice.
/// </summary>
public sealed class ModelZoo
{
    /// <summary>"Baseline (a new)" retrains the server's architecture with this seed offset: the same recipe, another initialisation and data order.</summary>
    public const int NewModelSeedOffset = 1000;

    readonly Lazy<ProfileData> data;
    readonly ArtifactStore artifacts;
    readonly ModelStore models;
    readonly IProgressSink progress;
    readonly Device device;
    readonly Lazy<LabeledImages> trainingImages;

    /// <param name="data">The profile's images, read on first use (recipes need only their identity).</param>
    public ModelZoo(Profile profile, Lazy<ProfileData> data, ArtifactStore artifacts, ModelStore models, IProgressSink progress, Device device)
    {
        Profile = profile;
        this.data = data;
        this.artifacts = artifacts;
        this.models = models;
        this.progress = progress;
        this.device = device;
        // One copy of the training set on the run's device for the whole process (CIFAR-10: 614 MB of float32): batches
        // are then gathered and augmented there by index, the same bits as on the CPU (integer gathers, zero padding).
        trainingImages = new Lazy<LabeledImages>(() => device.type == DeviceType.CPU ? Data.Train : Data.Train.To(device));
    }

    public Profile Profile { get; }
    ProfileData Data => data.Value;

    /// <summary>The training set on the run's device, where every training run draws its batches from.</summary>
    LabeledImages TrainingImages => trainingImages.Value;

    public ModelHandle Server(int seed) => Trained("server", Profile.Models.Server, seed);

    public ModelHandle ANew(int seed) => Trained("a new", Profile.Models.Server, seed + NewModelSeedOffset);

    /// <summary>Any architecture trained from scratch on the training data with the profile's schedule (NAS and manual rows).</summary>
    public ModelHandle Trained(string role, ArchitectureSpec architecture, int seed, TrainingSettings? schedule = null)
    {
        var settings = schedule ?? Profile.Training;
        var recipe = new ModelRecipe(role, architecture, Data.Identity, TrainingProcedure.Describe(settings, CrossEntropyObjective.Instance), Array.Empty<Repro.Harness.Artifacts.ArtifactKey>(), seed);
        return Handle(recipe, partial =>
        {
            var model = Fresh(architecture, seed);
            var log = Train(model, settings, CrossEntropyObjective.Instance, seed, partial, $"{role} {architecture.DisplayName} s{seed}");
            return Summarise(model, log);
        }, work: TrainingWork(architecture, Pass.Train, settings.Epochs, "training"));
    }

    public ModelHandle Quantized(int seed) => Quantized(Server(seed), seed);

    /// <summary>8-bit post-training quantization of any model (Table I quantizes the server; Table VI's finetune-first an unpaired server).</summary>
    public ModelHandle Quantized(ModelHandle source, int seed, string role = "quantized")
    {
        var mechanism = new Int8Quantization(Profile.Mechanisms.CalibrationImages);
        var recipe = new ModelRecipe(role, source.Recipe.Architecture, Data.Identity,
            $"{mechanism.Describe()};calibration=train-draw(seed={Profile.Data.SampleSeed + 3})", new[] { source.Key }, seed) { EightBit = true };
        return Handle(recipe, _ =>
        {
            var indices = SampleDraw.Draw(Data.Train.Count, Math.Min(mechanism.CalibrationImages, Data.Train.Count), Profile.Data.SampleSeed + 3);
            using var calibration = Data.Train.Select(indices);
            using var images = calibration.Images.to(device);
            var model = mechanism.Derive(source.Model, images);
            return Summarise(model, null);
        }, new[] { source }, work: Work.Of(new WorkTerm(source.Recipe.Architecture, Data.Input.Height, Pass.Forward, Math.Min(mechanism.CalibrationImages, Data.Train.Count), "calibration"))
            .Plus(SummaryWork(source.Recipe.Architecture)));
    }

    public ModelHandle Pruned(int seed) => Pruned(Server(seed), seed);

    /// <summary>l1-unstructured pruning of any model, raised until its own accuracy drops too far (Table I prunes the server; Table VII's finetune-first an unpaired server).</summary>
    public ModelHandle Pruned(ModelHandle source, int seed, string role = "pruned")
    {
        var m = Profile.Mechanisms;
        var mechanism = new L1UnstructuredPruning(m.PruningStep, m.PruningMaxDrop, m.PruningDropUnit, m.PruningScope);
        var recipe = new ModelRecipe(role, source.Recipe.Architecture, Data.Identity,
            $"{mechanism.Describe()};accuracy-set=test-heldout", new[] { source.Key }, seed);
        return Handle(recipe, _ =>
        {
            using var heldOut = Data.Test.Select(Data.HeldOutIndices);
            var outcome = mechanism.Derive(source.Model, model => AccuracyOn(model, heldOut));
            progress.Note($"pruning {role} s{seed}: kept sparsity {outcome.Sparsity:P0} ({string.Join(", ", outcome.Trials.Select(t => $"{t.Sparsity:P0}->{t.Accuracy:F1}%"))})");
            return new ModelStore.Built(outcome.Model, new Dictionary<string, string>
            {
                ["sparsity"] = outcome.Sparsity.ToString("R", CultureInfo.InvariantCulture),
                ["heldout_accuracy"] = outcome.Accuracy.ToString("R", CultureInfo.InvariantCulture),
                ["trials"] = string.Join(";", outcome.Trials.Select(t => FormattableString.Invariant($"{t.Sparsity}:{t.Accuracy}"))),
                ["test_accuracy"] = AccuracyOn(outcome.Model, Data.Test).ToString("R", CultureInfo.InvariantCulture),
            });
        }, new[] { source }, work: Work.Of(new WorkTerm(source.Recipe.Architecture, Data.Input.Height, Pass.Forward,
            Math.Ceiling(1 / m.PruningStep) * Data.HeldOutIndices.Length, "accuracy of each sparsity tried (at most every step)", UpperBound: true))
            .Plus(SummaryWork(source.Recipe.Architecture)));
    }

    /// <summary>Hinton distillation of the server into <paramref name="student"/> (§IV-A "Knowledge Distillation").</summary>
    public ModelHandle Distilled(ArchitectureSpec student, int seed) => Distilled(student, Server(seed), seed);

    /// <summary>Hinton distillation of any teacher (Table VIII's finetune-first distils an unpaired server).</summary>
    public ModelHandle Distilled(ArchitectureSpec student, ModelHandle teacher, int seed, string role = "distilled")
    {
        var m = Profile.Mechanisms;
        var recipe = new ModelRecipe(role, student, Data.Identity,
            TrainingProcedure.Describe(Profile.Training, DistillationObjectiveText), new[] { teacher.Key }, seed);
        return Handle(recipe, partial =>
        {
            var objective = new DistillationLoss(teacher.Model, m.DistillationTemperature, m.DistillationRatio, m.DistillationScaleByTemperatureSquared);
            var model = Fresh(student, seed);
            var log = Train(model, Profile.Training, objective, seed, partial, $"{role} {student.DisplayName} s{seed}");
            return Summarise(model, log);
        }, new[] { teacher }, work: TrainingWork(student, Pass.Train, Profile.Training.Epochs, "distillation")
            .Plus(Work.Of(new WorkTerm(teacher.Recipe.Architecture, Data.Input.Height, Pass.Forward, Profile.Training.Epochs * (double)Data.Train.Count, "the teacher's logits"))));
    }

    /// <summary>Canonical text of the profile's distillation loss, as <see cref="DistillationLoss.Describe"/> prints it.</summary>
    public string DistillationObjectiveText
    {
        get
        {
            var m = Profile.Mechanisms;
            return $"kd(T={Profile.Format(m.DistillationTemperature)};ratio={Profile.Format(m.DistillationRatio)};t2={(m.DistillationScaleByTemperatureSquared ? 1 : 0)})";
        }
    }

    /// <summary>
    /// The server fine-tuned for <paramref name="epoch"/> epochs of Figure 1's fine-tuning run (a snapshot of one run:
    /// later snapshots resume from the checkpoints earlier ones leave, so the whole sweep trains once).
    /// </summary>
    public ModelHandle FineTuneSnapshot(int seed, int epoch)
    {
        var server = Server(seed);
        var sweep = Profile.CostSweep;
        if (epoch < 1 || epoch > sweep.FinetuneEpochs)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"CostSweep.FinetuneEpochs is {sweep.FinetuneEpochs}");
        var schedule = Profile.Training with { Epochs = sweep.FinetuneEpochs, LearningRate = sweep.LearningRate, Schedule = "constant", WarmupEpochs = 0 };
        var run = TrainingProcedure.Describe(schedule, CrossEntropyObjective.Instance);
        var recipe = new ModelRecipe($"fine-tuned {epoch} ep", server.Recipe.Architecture, Data.Identity, $"finetune-snapshot({run};epoch={epoch})", new[] { server.Key }, seed);
        // The run's checkpoints live under a key of their own, shared by every snapshot of the run.
        var runKey = Harness.Artifacts.ArtifactKey.For(recipe with { Role = "fine-tune run", Procedure = $"finetune-run({run})" });
        // The kept snapshot before this one: its build leaves the checkpoint this one resumes from, so a plan builds it first.
        int previous = (epoch - 1) / Math.Max(1, sweep.SnapshotEvery) * Math.Max(1, sweep.SnapshotEvery);
        return Handle(recipe, _ =>
        {
            // Every snapshot of the run resumes from the run's one checkpoint folder: one builder at a time, across processes too.
            using var runLock = artifacts.Lock(runKey);
            var model = ModelCloning.Clone(server.Model);
            var log = Train(model, schedule, CrossEntropyObjective.Instance, seed + 7, artifacts.PartialDirectory(runKey),
                $"fine-tune s{seed} to epoch {epoch}", stopAfterEpoch: epoch, keepEvery: sweep.SnapshotEvery);
            return Summarise(model, log);
        }, new[] { server }, previous >= 1 ? new[] { FineTuneSnapshot(seed, previous) } : null,
            TrainingWork(server.Recipe.Architecture, Pass.Train, epoch - previous, $"fine-tuning epochs {previous + 1}-{epoch}"));
    }

    /// <summary>The once-for-all supernet trained by progressive shrinking (§IV-A "Once-for-All"; Cai et al. 2020).</summary>
    public ModelHandle OfaSupernet(int seed)
    {
        var spec = Profile.Models.Ofa;
        var schedule = Profile.Models.OfaSchedule with { Seed = seed };
        var procedure = $"progressive-shrinking(largest={schedule.LargestEpochs};kernel={schedule.KernelEpochs};depth={schedule.DepthEpochs};" +
            $"expand={schedule.ExpandEpochs};lr={Profile.Format(schedule.LearningRate)};momentum={Profile.Format(schedule.Momentum)};" +
            $"wd={Profile.Format(schedule.WeightDecay)};kd={Profile.Format(schedule.DistillationWeight)};batch={Profile.Training.BatchSize};augment={(Profile.Training.Augment ? 1 : 0)};dropout-draws=network)";
        var recipe = new ModelRecipe("ofa supernet", spec, Data.Identity, procedure, Array.Empty<Repro.Harness.Artifacts.ArtifactKey>(), seed);
        return Handle(recipe, _ =>
        {
            var supernet = (OfaSupernet)Fresh(spec, seed);
            var batches = new SeededBatches(TrainingImages, Profile.Training.BatchSize, seed,
                augmentation: Profile.Training.Augment ? new Augmentation(seed) : null);
            int total = schedule.Phases().Sum(p => p.Epochs), done = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ProgressiveShrinking.Run(supernet, batches.Epoch, schedule,
                line => progress.Report($"ofa supernet s{seed}", ++done, total, line));
            supernet.eval();
            return new ModelStore.Built(supernet, new Dictionary<string, string>
            {
                ["parameters"] = supernet.ParameterCount().ToString(CultureInfo.InvariantCulture),
                ["train_seconds"] = clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
            });
        }, work: TrainingWork(spec, Pass.Train, schedule.Phases().Sum(p => p.Epochs), "progressive shrinking (priced as the whole supernet's step)", summary: false));
    }

    /// <summary>A sub-network (depth, expand ratio, kernel) of the supernet, extracted without retraining; batch norm re-estimated as OFA does.</summary>
    public ModelHandle OfaSubnet(OfaSubnetConfig config, int seed)
    {
        var supernet = OfaSupernet(seed);
        var spec = new OfaSubnetSpec(Profile.Models.Ofa, config);
        var recipe = new ModelRecipe($"ofa {config}", spec, Data.Identity,
            $"extract;bn-recalibration={Profile.Models.OfaRecalibrationImages}(seed={Profile.Data.SampleSeed + 4})", new[] { supernet.Key }, seed);
        return Handle(recipe, _ =>
        {
            var model = ((OfaSupernet)supernet.Model).Extract(config);
            model.to(device);
            var indices = SampleDraw.Draw(Data.Train.Count, Math.Min(Profile.Models.OfaRecalibrationImages, Data.Train.Count), Profile.Data.SampleSeed + 4);
            using var images = Data.Train.Select(indices);
            BatchNormRecalibration.Run(model, Batches(images.Images, Profile.Training.BatchSize));
            model.eval();
            return Summarise(model, null);
        }, new[] { supernet }, work: Work.Of(new WorkTerm(spec, Data.Input.Height, Pass.Forward, Math.Min(Profile.Models.OfaRecalibrationImages, Data.Train.Count), "batch-norm recalibration"))
            .Plus(SummaryWork(spec)));
    }

    IEnumerable<Tensor> Batches(Tensor images, int size)
    {
        for (long start = 0; start < images.shape[0]; start += size)
            yield return images.narrow(0, start, Math.Min(size, images.shape[0] - start)).to(device);
    }

    /// <summary>A fresh, seeded initialisation of an architecture on the run's device.</summary>
    public Classifier Fresh(ArchitectureSpec architecture, int seed)
    {
        // Seeded and drawn as one step (Models.GlobalGenerator): the same weights on any number of workers.
        var model = architecture.Create(Data.Input, Data.Classes, seed);
        model.to(device);
        return model;
    }

    /// <summary>Trains with the one trainer on the profile's training images (seeded order and augmentation).</summary>
    public TrainingLog Train(Classifier model, TrainingSettings settings, ITrainingObjective objective, int seed, string? checkpoints, string task,
        IWeightConstraint? constraint = null, int? stopAfterEpoch = null, int? keepEvery = null)
    {
        var batches = new SeededBatches(TrainingImages, settings.BatchSize, seed,
            augmentation: settings.Augment ? new Augmentation(seed) : null, channelsLast: settings.ChannelsLast);
        return new Trainer(settings, progress).Train(model, batches.Epoch, batches.BatchesPerEpoch, objective, task, checkpoints, constraint, stopAfterEpoch, keepEvery);
    }

    /// <summary>Accuracy in percent on a labelled set, evaluated on the run's device.</summary>
    public double AccuracyOn(Classifier model, LabeledImages set)
    {
        using var images = set.Images.to(device);
        using var labels = set.Labels.to(device);
        return Accuracy.Of(model, images, labels);
    }

    /// <summary>The handle of a CIFAR-10 model built by <paramref name="build"/> from <paramref name="parents"/> (the recipe's parents, in order).</summary>
    public ModelHandle Handle(ModelRecipe recipe, Func<string, ModelStore.Built> build, IReadOnlyList<ModelHandle>? parents = null,
        IReadOnlyList<ModelHandle>? after = null, Work? work = null) =>
        Handle(recipe, Data.Input, Data.Classes, build, parents, after, work);

    /// <summary>The handle of a model of any input shape (ImageNet's too), made known to a planning run.</summary>
    public ModelHandle Handle(ModelRecipe recipe, InputShape input, int classes, Func<string, ModelStore.Built> build, IReadOnlyList<ModelHandle>? parents = null,
        IReadOnlyList<ModelHandle>? after = null, Work? work = null)
    {
        var handle = new ModelHandle(recipe, () => models.Get(recipe, input, classes, build), parents, after, work);
        models.Planning?.Known(handle);
        return handle;
    }

    /// <summary>Training <paramref name="architecture"/> for <paramref name="epochs"/> epochs of the training images, plus the accuracy its summary measures.</summary>
    public Work TrainingWork(ArchitectureSpec architecture, Pass pass, double epochs, string what, bool summary = true)
    {
        var training = Work.Of(new WorkTerm(architecture, Data.Input.Height, pass, epochs * Data.Train.Count, what));
        return summary ? training.Plus(SummaryWork(architecture)) : training;
    }

    /// <summary>The test-set accuracy every built model's manifest records (<see cref="Summarise"/>).</summary>
    public Work SummaryWork(ArchitectureSpec architecture) => Work.Of(new WorkTerm(architecture, Data.Input.Height, Pass.Forward, Data.Test.Count, "test accuracy"));

    /// <summary>The manifest numbers every built model keeps: test accuracy, parameters, and training time and final loss when it trained.</summary>
    public ModelStore.Built Summarise(Classifier model, TrainingLog? log)
    {
        var summary = new Dictionary<string, string>
        {
            ["test_accuracy"] = AccuracyOn(model, Data.Test).ToString("R", CultureInfo.InvariantCulture),
            ["parameters"] = model.ParameterCount().ToString(CultureInfo.InvariantCulture),
        };
        if (log is not null)
        {
            summary["train_seconds"] = log.Seconds.ToString("F1", CultureInfo.InvariantCulture);
            summary["final_loss"] = log.EpochLoss.Count > 0 ? log.EpochLoss[^1].ToString("R", CultureInfo.InvariantCulture) : "NaN";
        }
        return new ModelStore.Built(model, summary);
    }
}
