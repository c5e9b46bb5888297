using System.Diagnostics;
using System.Globalization;
using Repro.Defense;
using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Harness.Planning;

/// <summary>
/// Measures what one pass of a network over an image costs on this machine and device: a few real steps (the same loss,
/// backward and SGD update as the trainer; the same double backward as the input-gradient penalty) on random pixels of the
/// network's input shape, after one step of warm-up, divided by the images they saw. Time does not depend on pixel values.
/// </summary>
public static class EpochTimer
{
    /// <param name="networks">The (network, pass) pairs to measure; each pair is measured once.</param>
    /// <param name="batch">Images per step (the profile's training batch; smaller keeps a CPU measurement of a large network short).</param>
    /// <param name="steps">Timed steps after the warm-up.</param>
    public static IReadOnlyList<EpochTimes.Row> Measure(IEnumerable<WorkTerm> networks, int batch, int steps, Device device, string deviceName, string source,
        Action<string>? note = null)
    {
        var rows = new List<EpochTimes.Row>();
        var pairs = networks.GroupBy(t => (t.Network, t.Pass)).Select(g => g.First())
            // The penalty's price is its step minus the frozen original's input-gradient: that one is measured first.
            .OrderBy(t => t.Network, StringComparer.Ordinal).ThenBy(t => t.Pass == Pass.TrainWithInputGradientPenalty).ToList();
        foreach (var term in pairs)
        {
            double seconds = Time(term, batch, steps, device);
            if (term.Pass == Pass.TrainWithInputGradientPenalty)
            {
                var original = rows.FirstOrDefault(r => r.Network == term.Network && r.Pass == Pass.InputGradient)?.SecondsPerImage
                    ?? Time(term with { Pass = Pass.InputGradient }, batch, steps, device);
                seconds = Math.Max(seconds - original, seconds / 2);
            }
            note?.Invoke($"{term.Network} {EpochTimes.PassName(term.Pass)}: {seconds * 1000:F3} ms per image (batch {batch}, {steps} steps)");
            rows.Add(new EpochTimes.Row(deviceName, term.Network, term.Pass, seconds, batch, DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture), source));
        }
        return rows;
    }

    /// <summary>Seconds per image of one pass, measured over <paramref name="steps"/> steps after one of warm-up.</summary>
    static double Time(WorkTerm term, int batch, int steps, Device device)
    {
        var input = term.Resolution == InputShape.ImageNet.Height ? InputShape.ImageNet : InputShape.Cifar10 with { Height = term.Resolution, Width = term.Resolution };
        int classes = term.Resolution == InputShape.ImageNet.Height ? 1000 : 10;
        using var model = term.Architecture.Create(input, classes, seed: 1);
        model.to(device);
        using var original = term.Pass == Pass.TrainWithInputGradientPenalty ? term.Architecture.Create(input, classes, seed: 2) : null;
        original?.to(device);
        original?.eval();
        var objective = original is null ? null : new SimilarityUnpairing(original, new UnpairingPenalty[] { new InputGradientPenalty(1) });
        using var optimizer = new Repro.Runtime.Sgd(model.parameters(), 0.01, momentum: 0.9);
        using var generator = new Generator(1, device);
        using var images = rand(new long[] { batch, input.Channels, input.Height, input.Width }, generator: generator, device: device);
        using var labels = randint(classes, new long[] { batch }, generator: generator, device: device);
        void Step()
        {
            using var scope = NewDisposeScope();
            switch (term.Pass)
            {
                case Pass.Forward:
                    model.eval();
                    using (no_grad()) model.forward(images);
                    break;
                case Pass.InputGradient:
                    model.eval();
                    var x = images.detach().requires_grad_(true);
                    var loss = nn.functional.cross_entropy(model.forward(x), labels);
                    torch.autograd.grad(new[] { loss }, new[] { x });
                    break;
                default:
                    model.train();
                    optimizer.zero_grad();
                    var objectiveLoss = objective?.Loss(model, images, labels) ?? nn.functional.cross_entropy(model.forward(images), labels);
                    objectiveLoss.backward();
                    optimizer.step();
                    break;
            }
            if (device.type == DeviceType.CUDA) torch.cuda.synchronize();
        }
        Step();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Step();
        return clock.Elapsed.TotalSeconds / ((double)steps * batch);
    }
}
