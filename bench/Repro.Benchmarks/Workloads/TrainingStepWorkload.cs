using Repro.Attacks;
using Repro.Defense;
using Repro.Models;
using Repro.Progress;
using Repro.Recipes;
using Repro.Runtime;
using Repro.Storage;
using Repro.Training;
using static TorchSharp.torch;

namespace Repro.Benchmarks.Workloads;

/// <summary>
/// Steps of the production <see cref="Trainer"/> (SGD with momentum and weight decay, the per-step checks
/// included), batch after batch over the first training images: plain cross-entropy, or the input-gradient
/// unpairing objective against a frozen copy of the model (double backward).
/// </summary>
public sealed class TrainingStepWorkload : Workload
{
    readonly Classifier model;
    readonly Classifier? original;
    readonly ITrainingObjective objective;
    readonly Trainer trainer;
    readonly Tensor images;
    readonly Tensor labels;
    readonly int batches;
    int next;

    public TrainingStepWorkload(WorkloadSpec spec, BenchInputs inputs) : base(spec)
    {
        model = inputs.Model(spec.Model);
        if (spec.Kind == WorkloadKind.UnpairingStep)
        {
            original = inputs.Model(spec.Other ?? spec.Model);
            objective = new SimilarityUnpairing(original, new UnpairingPenalty[] { new InputGradientPenalty(spec.Lambda) });
        }
        else objective = CrossEntropyObjective.Instance;
        var settings = new TrainingSettings
        {
            Epochs = 1, BatchSize = spec.BatchSize, LearningRate = spec.LearningRate, Schedule = "constant", Augment = false, CheckpointEvery = int.MaxValue,
        };
        trainer = new Trainer(settings, SilentProgress.Instance);
        images = inputs.TrainImages;
        labels = inputs.TrainLabels;
        batches = (int)(images.shape[0] / spec.BatchSize);
    }

    public override void Run() =>
        trainer.Train(model, Batches, Spec.OperationsPerRun, objective, Spec.Name);

    // Views of the stored batches: the Trainer disposes what it is given, and disposing a view frees nothing else.
    IEnumerable<(Tensor Images, Tensor Labels)> Batches(int epoch)
    {
        for (int step = 0; step < Spec.OperationsPerRun; step++, next = (next + 1) % batches)
            yield return (images.narrow(0, next * (long)Spec.BatchSize, Spec.BatchSize), labels.narrow(0, next * (long)Spec.BatchSize, Spec.BatchSize));
    }

    public override string Fingerprint()
    {
        Run();
        return WeightsHash.Of(model);
    }

    public override void Dispose()
    {
        model.Dispose();
        original?.Dispose();
        base.Dispose();
    }
}
