using System.Diagnostics;
using Repro.Data;
using Repro.Models;
using Repro.Progress;
using Repro.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Harness;

/// <summary>
/// What a long GPU run depends on, checked in minutes before hours are spent: that this device computes what the CPU
/// does (a convolution's forward and backward, the training batches bit for bit), that channels-last reaches its
/// convolutions, and how fast it runs the work of a profile (a training step of each architecture trained from scratch,
/// the P-RGF oracle's forward and a prior's input gradient), measured on synthetic images with the real code paths.
/// </summary>
public static class DeviceCheck
{
    /// <summary>The largest difference between a convolution + batch norm forward and input gradient on <paramref name="device"/> and on the CPU (IEEE float32 both).</summary>
    public static (double Forward, double Gradient) ConvolutionAgreement(Device device)
    {
        using var scope = NewDisposeScope();
        var images = rand(new long[] { 8, 3, 32, 32 }, generator: new Generator(11));
        var (cpuOut, cpuGrad) = ConvolutionAndGradient(images, CPU);
        var (out2, grad2) = ConvolutionAndGradient(images, device);
        return ((out2.cpu() - cpuOut).abs().max().item<float>(), (grad2.cpu() - cpuGrad).abs().max().item<float>());
    }

    static (Tensor Output, Tensor Gradient) ConvolutionAndGradient(Tensor images, Device device)
    {
        manual_seed(12);
        var conv = nn.Conv2d(3, 16, 3, padding: 1);
        var norm = nn.BatchNorm2d(16);
        conv.to(device);
        norm.to(device);
        var x = images.to(device).requires_grad_(true);
        var y = norm.forward(conv.forward(x));
        y.square().sum().backward();
        return (y.detach(), x.grad!);
    }

    /// <summary>Whether a convolution on <paramref name="device"/> fed a channels-last batch returns a channels-last output.</summary>
    public static bool ChannelsLastReachesConvolutions(Device device)
    {
        using var scope = NewDisposeScope();
        var conv = nn.Conv2d(3, 16, 3, padding: 1);
        conv.to(device);
        return ChannelsLast.Is(conv.forward(ChannelsLast.Copy(rand(4, 3, 32, 32).to(device))));
    }

    /// <summary>Whether two epochs of augmented batches drawn from a copy of a data set on <paramref name="device"/> equal, bit for bit, the same batches drawn on the CPU.</summary>
    public static bool ResidentBatchesMatchTheCpu(Device device)
    {
        using var data = new LabeledImages(rand(new long[] { 100, 3, 32, 32 }, generator: new Generator(13)), arange(100L), ["a"], "synthetic");
        using var resident = data.To(device);
        var onCpu = new SeededBatches(data, 32, seed: 3, augmentation: new Augmentation(seed: 4));
        var there = new SeededBatches(resident, 32, seed: 3, augmentation: new Augmentation(seed: 4));
        foreach (int epoch in new[] { 0, 1 })
            foreach (var ((a, la), (b, lb)) in onCpu.Epoch(epoch).Zip(there.Epoch(epoch)))
            {
                using var scope = NewDisposeScope();
                if (!a.equal(b.cpu()).all().item<bool>() || !la.equal(lb.cpu()).all().item<bool>()) return false;
            }
        return true;
    }

    /// <summary>
    /// Seconds per training step of a fresh <paramref name="architecture"/> at <paramref name="settings"/>' batch size,
    /// precision and layout, through the one Trainer on augmented batches drawn from synthetic images resident on the
    /// device (as the zoo draws them); a first run of <paramref name="warmup"/> steps (allocations, kernel choice) is not timed.
    /// </summary>
    public static double SecondsPerTrainingStep(ArchitectureSpec architecture, TrainingSettings settings, ITrainingObjective objective,
        Device device, int steps, int warmup = 3)
    {
        using var model = architecture.Create(InputShape.Cifar10, 10, seed: 0);
        model.to(device);
        var trainer = new Trainer(settings with { Epochs = 1 }, SilentProgress.Instance);
        trainer.Train(model, SyntheticBatches(settings, device, warmup, out var warmupImages).Epoch, warmup, objective, "warm-up");
        var timed = SyntheticBatches(settings, device, steps, out var timedImages);
        var log = trainer.Train(model, timed.Epoch, steps, objective, "timed");
        warmupImages.Dispose();
        timedImages.Dispose();
        return log.Seconds / steps;
    }

    static SeededBatches SyntheticBatches(TrainingSettings settings, Device device, int steps, out LabeledImages images)
    {
        int count = settings.BatchSize * steps;
        using var pixels = rand(new long[] { count, 3, 32, 32 }, generator: new Generator(14));
        using var labels = randint(0, 10, new long[] { count }, generator: new Generator(15));
        images = new LabeledImages(pixels.to(device), labels.to(device), Enumerable.Range(0, 10).Select(i => $"c{i}").ToList(), "synthetic");
        return new SeededBatches(images, settings.BatchSize, seed: 0, augmentation: settings.Augment ? new Augmentation(0) : null, channelsLast: settings.ChannelsLast);
    }

    /// <summary>Images per second through <paramref name="model"/>'s forward in eval mode, in chunks of <paramref name="batch"/> (the P-RGF oracle's work).</summary>
    public static double ForwardImagesPerSecond(Classifier model, Device device, int batch, int repeats)
    {
        model.eval();
        using var pixels = rand(new long[] { batch, 3, 32, 32 }, generator: new Generator(16));
        using var images = pixels.to(device);
        double Run(int n)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                using (no_grad()) model.forward(images).sum().item<float>();
            }
            return clock.Elapsed.TotalSeconds;
        }
        Run(1);
        return batch * repeats / Run(repeats);
    }

    /// <summary>Images per second of the input gradient of the cross-entropy through <paramref name="model"/> in eval mode (a prior's work per P-RGF iteration, and PGD's per step).</summary>
    public static double InputGradientImagesPerSecond(Classifier model, Device device, int batch, int repeats)
    {
        model.eval();
        using var pixels = rand(new long[] { batch, 3, 32, 32 }, generator: new Generator(17));
        using var classes = randint(0, 10, new long[] { batch }, generator: new Generator(18));
        using var images = pixels.to(device);
        using var labels = classes.to(device);
        double Run(int n)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                var x = images.detach().requires_grad_(true);
                nn.functional.cross_entropy(model.forward(x), labels).backward();
                x.grad!.sum().item<float>();
            }
            return clock.Elapsed.TotalSeconds;
        }
        Run(1);
        return batch * repeats / Run(repeats);
    }
}
