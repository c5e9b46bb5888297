using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using static TorchSharp.torch;

namespace Repro.Benchmarks;

/// <summary>
/// The convolutions the mini ResNet is made of, one at a time (`layer-ops`): forward, and forward plus backward to
/// both the input and the weights, batch 128, CPU milliseconds per call here and in bench/pytorch/layer_ops.py.
/// Where a whole workload is slower than PyTorch, this shows which layer is: a kernel of libtorch itself, not Repro.
/// </summary>
public static class LayerOperations
{
    public sealed record Shape(string Name, int InChannels, int OutChannels, int Kernel, int Side, int Stride, int Groups);

    public static IReadOnlyList<Shape> Shapes { get; } = new[]
    {
        new Shape("stem 3x3 s2, 3→16 on 32x32", 3, 16, 3, 32, 2, 1),
        new Shape("3x3 s1, 16→16 on 16x16", 16, 16, 3, 16, 1, 1),
        new Shape("3x3 s2, 16→32 on 16x16", 16, 32, 3, 16, 2, 1),
        new Shape("1x1 s2 shortcut, 16→32 on 16x16", 16, 32, 1, 16, 2, 1),
        new Shape("3x3 s1, 32→32 on 8x8", 32, 32, 3, 8, 1, 1),
        new Shape("depthwise 3x3 s1, 64 on 8x8", 64, 64, 3, 8, 1, 64),
    };

    const int Batch = 128;
    const int Warmup = 10;
    const int Calls = 40;

    public static int Run(string python, string script)
    {
        var shapes = JsonSerializer.Serialize(Shapes);
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { script, shapes, Batch.ToString(CultureInfo.InvariantCulture), Warmup.ToString(CultureInfo.InvariantCulture), Calls.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        foreach (var (name, value) in SideBySide.PyTorchEnvironment(sameMalloc: false)) start.Environment[name] = value;
        Console.WriteLine("| Layer (batch 128) | Repro forward | PyTorch forward | ratio | Repro forward + backward | PyTorch forward + backward | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var ours = Shapes.Select(Measure).ToList();
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        var theirs = JsonSerializer.Deserialize<double[][]>(child.StandardOutput.ReadToEnd()) ?? throw new InvalidDataException("layer_ops.py printed nothing");
        child.WaitForExit();
        for (int i = 0; i < Shapes.Count; i++)
            Console.WriteLine($"| {Shapes[i].Name} | {F(ours[i].Forward)} | {F(theirs[i][0])} | {F(ours[i].Forward / theirs[i][0])} | " +
                $"{F(ours[i].Backward)} | {F(theirs[i][1])} | {F(ours[i].Backward / theirs[i][1])} |");
        Console.WriteLine("CPU milliseconds per call, median of " + Calls + " calls after " + Warmup + " (random weights and inputs: timing only)");
        return 0;
    }

    static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    static (double Forward, double Backward) Measure(Shape s)
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var conv = nn.Conv2d(s.InChannels, s.OutChannels, s.Kernel, stride: s.Stride, padding: s.Kernel / 2, groups: s.Groups, bias: false);
        var x = randn(Batch, s.InChannels, s.Side, s.Side).requires_grad_(true);
        double forward = Median(() => { using var noGrad = no_grad(); using var y = conv.forward(x); });
        double backward = Median(() =>
        {
            using var step = NewDisposeScope();
            conv.forward(x).sum().backward();
        });
        return (forward, backward);
    }

    static double Median(Action call)
    {
        for (int i = 0; i < Warmup; i++) call();
        var times = new double[Calls];
        for (int i = 0; i < Calls; i++)
        {
            double t = CpuClock.Milliseconds();
            call();
            times[i] = CpuClock.Milliseconds() - t;
        }
        return new TimingSummary(times).Median;
    }
}
