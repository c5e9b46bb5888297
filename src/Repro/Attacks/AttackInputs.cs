using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>The contract every attack's inputs meet: [N, C, H, W] float32 pixels in [0, 1] (STYLE.md P3) and N int64 labels.</summary>
internal static class AttackInputs
{
    public static void Check(Tensor images, Tensor labels, string attack)
    {
        if (images.dim() != 4 || images.dtype != ScalarType.Float32)
            throw new ArgumentException($"{attack}: images must be float32 [N, C, H, W], got {images.dtype} [{string.Join(", ", images.shape)}]");
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64 || labels.shape[0] != images.shape[0])
            throw new ArgumentException(
                $"{attack}: labels must be int64 [N] with N = {images.shape[0]}, got {labels.dtype} [{string.Join(", ", labels.shape)}]");
        if (images.shape[0] == 0) return;
        using var min = images.min();
        using var max = images.max();
        float lo = min.item<float>(), hi = max.item<float>();
        if (!(lo >= 0) || !(hi <= 1))
            throw new ArgumentException(
                $"{attack}: images must be [0, 1] pixels (normalisation belongs inside the model), got values in [{lo}, {hi}]");
    }
}
