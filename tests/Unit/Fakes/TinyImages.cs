using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Fakes;

/// <summary>Small seeded inputs and models for the attack tests: everything here runs in milliseconds.</summary>
public static class TinyImages
{
    /// <summary>C x H x W images with no normalisation inside the model (mean 0, std 1).</summary>
    public static InputShape Shape(int channels, int height, int width) =>
        new(channels, height, width, Enumerable.Repeat(0f, channels).ToArray(), Enumerable.Repeat(1f, channels).ToArray());

    public static InputShape Cifar { get; } = Shape(3, 32, 32);

    /// <summary>Uniform [0, 1] images [count, C, H, W], some pixels exactly 0 or 1 (so the [0, 1] clamp is exercised).</summary>
    public static Tensor Uniform(int count, InputShape shape, long seed)
    {
        using var generator = new Generator(unchecked((ulong)seed));
        using var scope = NewDisposeScope();
        var x = rand(new long[] { count, shape.Channels, shape.Height, shape.Width }, generator: generator) * 1.2 - 0.1;
        return x.clamp(0, 1).MoveToOuterDisposeScope();
    }

    public static Tensor Labels(params long[] labels) => tensor(labels, ScalarType.Int64);

    /// <summary>A linear classifier with Gaussian weights (scale <paramref name="scale"/>) and zero bias.</summary>
    public static LinearClassifier RandomLinear(int classes, InputShape shape, int seed, double scale = 0.05)
    {
        var random = new Random(seed);
        var weight = new double[classes, shape.Dimension];
        for (int k = 0; k < classes; k++)
            for (int i = 0; i < shape.Dimension; i++) weight[k, i] = scale * Gaussian(random);
        return new LinearClassifier(weight, new double[classes], shape);
    }

    public static float[] Row(Tensor images, int row) => images[row].flatten().data<float>().ToArray();

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
