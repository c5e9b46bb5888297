using System.Diagnostics;
using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;
using Repro.Progress;

namespace Repro.Training;

/// <summary>
/// The one training loop (SGD with momentum and weight decay, per-step learning-rate schedule), used
/// for training from scratch, distillation, fine-tuning and unpairing alike; the objective decides the
/// loss. Each step runs in its own dispose scope, so memory stays flat over any number of epochs.
/// With a checkpoint folder it saves model + optimiser state every few epochs and resumes from the
/// last one, so an interrupted 200-epoch run loses at most those epochs.
/// </summary>
public sealed class Trainer
{
    readonly TrainingSettings settings;
    readonly IProgressSink progress;

    public Trainer(TrainingSettings settings, IProgressSink progress)
    {
        if (settings.Epochs < 0) throw new ArgumentOutOfRangeException(nameof(settings), $"Training.Epochs must be >= 0, got {settings.Epochs}");
        this.settings = settings;
        this.progress = progress;
    }

    /// <param name="stopAfterEpoch">Stop after this epoch while keeping the full schedule's learning rates (a snapshot
    /// part-way through a longer run, Figure 1); null runs all <see cref="TrainingSettings.Epochs"/>.</param>
    /// <param name="keepEvery">Checkpoints at multiples of this epoch are kept (snapshots a later call resumes from); others are replaced.</param>
    public TrainingLog Train(Classifier model, TrainingBatches batches, long stepsPerEpoch, ITrainingObjective objective,
        string task, string? checkpointDirectory = null, IWeightConstraint? constraint = null, int? stopAfterEpoch = null, int? keepEvery = null)
    {
        int end = Math.Min(settings.Epochs, stopAfterEpoch ?? settings.Epochs);
        if (end < 0) throw new ArgumentOutOfRangeException(nameof(stopAfterEpoch), stopAfterEpoch, "cannot stop before epoch 0");
        var clock = Stopwatch.StartNew();
        TorchSharp.Modules.OptimizerHelper NewOptimizer() =>
            new Runtime.Sgd(model.parameters(), settings.LearningRate, momentum: settings.Momentum, weightDecay: settings.WeightDecay, nesterov: settings.Nesterov);
        var optimizer = NewOptimizer();
        var schedule = new LearningRateSchedule(settings, stepsPerEpoch);
        var losses = new List<double>();
        var device = model.parameters().First().device;
        // TF32 for this run's steps only: attacks and evaluations after it are IEEE float32 again (Runtime.TensorFloat32).
        using var arithmetic = settings.Precision == TrainingPrecision.TensorFloat32 && device.type == DeviceType.CUDA ? Runtime.TensorFloat32.Allow() : null;
        int start = 0;
        if (checkpointDirectory is not null)
            (start, optimizer) = TrainingCheckpoints.Resume(model, optimizer, NewOptimizer, checkpointDirectory, losses, end, warning => progress.Note($"{task}: {warning}"));
        // Disposed with the run: its momentum buffers (a model's size) are detached from every scope, so otherwise only the GC would free them.
        using var ownedOptimizer = optimizer;
        if (start > 0) progress.Note($"{task}: resumed from the checkpoint after epoch {start}");
        var parameters = model.parameters().ToList();

        for (int epoch = start; epoch < end; epoch++)
        {
            model.train();
            if (objective is IEpochSeeded seeded) seeded.StartEpoch(epoch);
            double sum = 0;
            long count = 0, step = epoch * stepsPerEpoch;
            foreach (var (images, labels) in batches(epoch))
            {
                using var scope = NewDisposeScope();
                using var ownedImages = images;
                using var ownedLabels = labels;
                var x = images.device == device ? images : images.to(device);
                var y = labels.device == device ? labels : labels.to(device);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = schedule.At(step);
                optimizer.zero_grad();
                long stepInEpoch = step - epoch * stepsPerEpoch + 1;
                Tensor loss;
                try
                {
                    loss = objective.Loss(model, x, y);
                }
                catch (ArithmeticException e) when (e is not NonFiniteTrainingException)
                {
                    // An objective that checks its own terms (the unpairing penalties) says which one; this says where.
                    throw new NonFiniteTrainingException(task, epoch + 1, stepInEpoch, e.Message);
                }
                var value = loss.item<float>();
                if (!float.IsFinite(value))
                    throw new NonFiniteTrainingException(task, epoch + 1, stepInEpoch, $"the loss ({objective.Describe()}) is {value}");
                loss.backward();
                if (NonFiniteGradient(model, parameters) is { } parameter)
                    throw new NonFiniteTrainingException(task, epoch + 1, stepInEpoch, $"the gradient of '{parameter}' is not finite (loss {value}, objective {objective.Describe()})");
                optimizer.step();
                if (constraint is not null) using (no_grad()) constraint.Apply(model);
                sum += value;
                count++;
                step++;
            }
            losses.Add(count > 0 ? sum / count : double.NaN);
            progress.Report(task, epoch + 1, end, $"loss {losses[^1]:F4}");
            bool kept = keepEvery is > 0 && (epoch + 1) % keepEvery.Value == 0;
            bool due = (epoch + 1) % Math.Max(1, settings.CheckpointEvery) == 0 && epoch + 1 < settings.Epochs;
            if (checkpointDirectory is not null && (kept || due))
                TrainingCheckpoints.Save(model, optimizer, checkpointDirectory, epoch + 1, losses, keepEvery);
        }
        model.eval();
        return new TrainingLog(losses, start, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The name of the first parameter whose gradient holds a NaN or infinity, or null. One reduction over all
    /// gradients per step (a non-finite value anywhere makes the sum non-finite); names are looked up only then.
    /// Each gradient is read once, from a list taken once per run: every read is a native call (NASNet-mini: 3.1 to 0.8 ms a step).
    /// </summary>
    static string? NonFiniteGradient(Classifier model, IReadOnlyList<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        var sums = new List<Tensor>(parameters.Count);
        foreach (var p in parameters)
            if (p.grad is { } gradient) sums.Add(gradient.sum());
        if (sums.Count == 0 || float.IsFinite(stack(sums).sum().item<float>())) return null;
        foreach (var (name, parameter) in model.named_parameters())
            if (parameter.grad is { } g && !g.isfinite().all().item<bool>()) return name;
        return "(a sum of finite gradients overflowed)";
    }
}
