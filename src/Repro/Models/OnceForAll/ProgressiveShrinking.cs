using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Models.OnceForAll;

/// <summary>
/// once-for-all's training procedure (Cai et al. 2020, §3.2): train the largest network, then shrink in
/// order (elastic kernel, elastic depth, elastic width), each step sampling sub-networks per unit and per
/// block from the phase's candidates and distilling from the largest network trained in the first phase
/// (a frozen copy; OFA's teacher). Channels are sorted by importance before each width stage.
/// </summary>
public static class ProgressiveShrinking
{
    /// <param name="batches">Training batches of [0, 1] pixels and labels for an epoch (numbered from 0 across all phases).</param>
    public static IReadOnlyList<PhaseLoss> Run(OfaSupernet supernet, Func<int, IEnumerable<(Tensor Images, Tensor Labels)>> batches,
        ProgressiveShrinkingSchedule schedule, Action<string>? log = null)
    {
        supernet.SeedDropout(unchecked((ulong)schedule.Seed));
        var sampler = new Random(schedule.Seed);
        var losses = new List<PhaseLoss>();
        OfaSubnet? teacher = null;
        int epoch = 0;
        try
        {
            foreach (var phase in schedule.Phases())
            {
                bool largest = phase.Name == "largest";
                if (!largest && teacher is null) teacher = FrozenTeacher(supernet);
                if (phase.SortStage > 0) supernet.SortChannels(phase.SortStage);
                using var optimizer = Optimizer(supernet, phase.LearningRate, schedule);
                for (int e = 0; e < phase.Epochs; e++, epoch++)
                {
                    // Cosine decay within the phase, per epoch.
                    double lr = phase.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * e / phase.Epochs));
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
                    var mean = TrainEpoch(supernet, teacher, optimizer, batches(epoch), phase, schedule.DistillationWeight, sampler);
                    losses.Add(new PhaseLoss(phase.Name, epoch, mean));
                    log?.Invoke($"{phase.Name} epoch {e + 1}/{phase.Epochs}: lr {lr:G3}, loss {mean:F4}");
                }
            }
        }
        finally
        {
            teacher?.Dispose();
            supernet.SetActive(OfaSubnetConfig.Largest);
        }
        return losses;
    }

    static double TrainEpoch(OfaSupernet supernet, OfaSubnet? teacher, SGD optimizer, IEnumerable<(Tensor Images, Tensor Labels)> batches,
        ProgressiveShrinkingPhase phase, double distillationWeight, Random sampler)
    {
        supernet.train();
        double total = 0;
        int count = 0;
        foreach (var (images, labels) in batches)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor? soft = null;
            if (teacher is not null)
                using (no_grad()) soft = nn.functional.softmax(teacher.forward(images), 1);
            for (int s = 0; s < phase.SubnetsPerStep; s++)
            {
                using var step = NewDisposeScope();
                Sample(supernet, phase, sampler);
                var logits = supernet.forward(images);
                var loss = nn.functional.cross_entropy(logits, labels);
                if (soft is not null)
                    loss = loss + distillationWeight * (-(soft * nn.functional.log_softmax(logits, 1)).sum(1).mean());
                loss.backward();
                total += loss.item<float>();
                count++;
            }
            optimizer.step();
        }
        if (count == 0) throw new ArgumentException($"phase '{phase.Name}' got an epoch without batches");
        return total / count;
    }

    static void Sample(OfaSupernet supernet, ProgressiveShrinkingPhase phase, Random sampler)
    {
        int blocks = supernet.UnitBlocks.Sum(u => u.Length);
        T Pick<T>(T[] from) => from[sampler.Next(from.Length)];
        supernet.SetActiveBlocks(
            Enumerable.Range(0, supernet.UnitBlocks.Count).Select(_ => Pick(phase.Depths)).ToArray(),
            Enumerable.Range(0, blocks).Select(_ => Pick(phase.ExpandRatios)).ToArray(),
            Enumerable.Range(0, blocks).Select(_ => Pick(phase.Kernels)).ToArray());
    }

    static OfaSubnet FrozenTeacher(OfaSupernet supernet)
    {
        var teacher = supernet.Extract(OfaSubnetConfig.Largest);
        teacher.eval();
        foreach (var p in teacher.parameters()) p.requires_grad = false;
        return teacher;
    }

    static SGD Optimizer(OfaSupernet supernet, double lr, ProgressiveShrinkingSchedule schedule)
    {
        // The reference exempts batch norm and biases from weight decay ("bn#bias").
        var named = supernet.named_parameters().ToList();
        bool Decayed(string name) => !name.Contains(".bn.", StringComparison.Ordinal) && !name.EndsWith("bias", StringComparison.Ordinal);
        var groups = new[]
        {
            new SGD.ParamGroup(named.Where(p => Decayed(p.name)).Select(p => p.parameter), lr, schedule.Momentum, 0, schedule.WeightDecay, false, false),
            new SGD.ParamGroup(named.Where(p => !Decayed(p.name)).Select(p => p.parameter), lr, schedule.Momentum, 0, 0, false, false),
        };
        return new Repro.Runtime.Sgd(groups, lr, schedule.Momentum, 0, schedule.WeightDecay, false);
    }
}

/// <summary>Mean training loss (summed over the sampled sub-nets of a step) of one epoch of one phase.</summary>
public sealed record PhaseLoss(string Phase, int Epoch, double MeanLoss);
