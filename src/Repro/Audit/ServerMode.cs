using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Audit;

/// <summary>What the local servers share: how a label-only or 8-bit rehearsal shows in the identity, and chunked top-1 labels.</summary>
static class ServerMode
{
    public static string Identity(string model, bool labelOnly, bool eightBit) =>
        model + (labelOnly ? "|label-only" : "") + (eightBit ? "|uint8" : "");

    public static string? ScoresUnavailable(bool labelOnly) =>
        labelOnly ? "the audit was asked to treat the server as label-only (--label-only)" : null;

    /// <summary>Top-1 labels of <paramref name="logits"/> in chunks of 250 images, each checked finite.</summary>
    public static Tensor Predict(Classifier model, Func<Tensor, Tensor> logits, Tensor images, string context)
    {
        using var scope = NewDisposeScope();
        var chunks = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += 250)
        {
            var scores = logits(images.narrow(0, start, Math.Min(250, images.shape[0] - start)));
            FiniteOutputs.Require(scores, model, context);
            chunks.Add(scores.argmax(1));
        }
        return cat(chunks, 0).MoveToOuterDisposeScope();
    }
}
