using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Unit.Fakes;

/// <summary>
/// A two-class linear server whose weight difference w_1 - w_0 has entries of size <c>scale</c> (pixel 0:
/// <c>firstPixelFactor</c> times larger), and images placed at a chosen margin logit_y - logit_other. One
/// l-inf step of eta along the true gradient's sign lowers the margin by eta * ||w_1 - w_0||_1, so whether a
/// perfect prior fools in one step is known in advance.
/// </summary>
public sealed class TwoClassLinearScenario
{
    public TwoClassLinearScenario(InputShape shape, int seed, double scale = 0.01, double firstPixelFactor = 1)
    {
        Shape = shape;
        var random = new Random(seed);
        Difference = new double[shape.Dimension];
        for (int i = 0; i < Difference.Length; i++) Difference[i] = (random.Next(2) == 0 ? -scale : scale) * (i == 0 ? firstPixelFactor : 1);
        Weight = new double[2, shape.Dimension];
        for (int i = 0; i < Difference.Length; i++)
        {
            Weight[0, i] = 0.02 * TinyImages.Gaussian(random);
            Weight[1, i] = Weight[0, i] + Difference[i];
        }
    }

    public InputShape Shape { get; }

    /// <summary>w_1 - w_0.</summary>
    public double[] Difference { get; }

    public double[,] Weight { get; }

    public LinearClassifier Server(PixelTransform transform = PixelTransform.None, double[]? bias = null) =>
        new(Weight, bias ?? new double[2], Shape, transform);

    /// <summary>A prior whose weights are the server's plus Gaussian noise of size <paramref name="noise"/> (0: the server itself).</summary>
    public LinearClassifier Prior(double noise, int seed)
    {
        var random = new Random(seed);
        var weight = (double[,])Weight.Clone();
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < Shape.Dimension; i++) weight[k, i] += noise * TinyImages.Gaussian(random);
        return new LinearClassifier(weight, new double[2], Shape);
    }

    /// <summary>||w_1 - w_0||_1: the margin one sign step of size 1 removes.</summary>
    public double L1 => Difference.Sum(Math.Abs);

    /// <summary>Images in [0.25, 0.75] with the given margins (zero-bias server) and labels.</summary>
    public (Tensor Images, Tensor Labels) Images(double[] margins, long[] labels, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[margins.Length * Shape.Dimension];
        for (int n = 0; n < margins.Length; n++)
        {
            double sign = labels[n] == 1 ? 1 : -1;   // margin of label 1 is (w_1 - w_0) x
            var x = Enumerable.Range(0, Shape.Dimension).Select(_ => 0.4 + 0.2 * random.NextDouble()).ToArray();
            double margin = sign * x.Select((v, i) => v * Difference[i]).Sum();
            double shift = (margins[n] - margin) / L1;
            for (int i = 0; i < x.Length; i++)
                pixels[n * Shape.Dimension + i] = (float)(x[i] + shift * sign * Math.Sign(Difference[i]));
        }
        var images = tensor(pixels).view(margins.Length, Shape.Channels, Shape.Height, Shape.Width);
        return (images, tensor(labels, ScalarType.Int64));
    }
}
