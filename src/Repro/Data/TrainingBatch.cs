using static TorchSharp.torch;

namespace Repro.Data;

/// <summary>
/// One mini-batch from <see cref="SeededBatches"/>. It owns two new tensors (copies, never views of the data
/// set): dispose the batch when the step is done, e.g. <c>foreach (var batch in …) { using (batch) { … } }</c>.
/// They were created while the enumerator ran, so a dispose scope open around the foreach also collects them;
/// disposing twice is harmless.
/// </summary>
public sealed class TrainingBatch(Tensor images, Tensor labels, int index) : IDisposable
{
    /// <summary>[B, C, H, W] float32 in [0, 1], augmented when the batcher has an augmentation.</summary>
    public Tensor Images { get; } = images;

    /// <summary>[B] int64.</summary>
    public Tensor Labels { get; } = labels;

    /// <summary>Position of this batch in its epoch (0-based).</summary>
    public int Index { get; } = index;

    public void Deconstruct(out Tensor images, out Tensor labels)
    {
        images = Images;
        labels = Labels;
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
