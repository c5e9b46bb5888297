using Repro.Attacks;
using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Unit.Fakes;

/// <summary>
/// How to compare sign-gradient attacks computed along two kernel paths (another batch size, chunking, processor):
/// float32 sums in another order differ in their last bits, which flips the sign of a gradient component only
/// where that component is within rounding of zero. So two FGSM results must agree at every pixel whose gradient
/// is clearly non-zero (above <see cref="RelativeFloor"/> of the image's largest component); elsewhere either
/// sign is right. Bitwise equality across batch sizes is not something float arithmetic promises.
/// </summary>
static class SignAgreement
{
    /// <summary>A component this far below the image's largest one is within reach of float32 rounding of a sum over the network.</summary>
    public const float RelativeFloor = 1e-4f;

    /// <summary>The pixels where <paramref name="a"/> and <paramref name="b"/> differ although the gradient there is clearly non-zero.</summary>
    public static long UnexplainedDifferences(Tensor a, Tensor b, Classifier model, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var mode = EvaluationModeScope.Enter(model);
        var gradient = CrossEntropyInputGradient.Of(model, images, labels).abs();
        var floor = gradient.flatten(1).amax(new long[] { 1 }).mul(RelativeFloor).reshape(-1, 1, 1, 1);
        var differs = a.ne(b);
        var clear = gradient.gt(floor);
        return differs.logical_and(clear).sum().item<long>();
    }

    /// <summary>The share of elements where two tensors differ at all.</summary>
    public static double DifferingShare(Tensor a, Tensor b)
    {
        using var differs = a.ne(b).to_type(ScalarType.Float64).mean();
        return differs.item<double>();
    }
}
