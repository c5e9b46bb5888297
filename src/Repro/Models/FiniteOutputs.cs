using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// The check every evaluation makes on a model's logits: a NaN or infinity would otherwise pass as a prediction
/// (argmax of NaNs is a class) or as a query score, and turn into a plausible-looking number downstream.
/// </summary>
public static class FiniteOutputs
{
    /// <summary>Throws an <see cref="ArithmeticException"/> naming the model and what it was doing when <paramref name="logits"/> hold a NaN or infinity.</summary>
    public static void Require(Tensor logits, Classifier model, string what)
    {
        using var finite = logits.isfinite().all();
        if (!finite.item<bool>())
            throw new ArithmeticException(
                $"{model.Architecture.DisplayName} ({model.Architecture.Describe()}) produced non-finite logits {what}; its weights or the images hold a NaN or infinity");
    }
}
