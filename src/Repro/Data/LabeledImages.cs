using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Data;

/// <summary>
/// A labelled image set held as tensors: images [N, C, H, W] float32 in [0, 1] (pixel space is the
/// contract, §P3 of STYLE.md: normalisation lives inside the models) and labels [N] int64.
/// Owns its tensors; dispose it to free them.
/// </summary>
public sealed class LabeledImages : IDisposable
{
    public LabeledImages(Tensor images, Tensor labels, IReadOnlyList<string> classNames, string source)
    {
        if (images.dim() != 4)
            throw new ArgumentException($"images from '{source}' must be [N, C, H, W], got shape [{string.Join(", ", images.shape)}]");
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels from '{source}' must be [N] with N = {images.shape[0]}, got [{string.Join(", ", labels.shape)}]");
        if (images.dtype != ScalarType.Float32) throw new ArgumentException($"images from '{source}' must be float32, got {images.dtype}");
        if (labels.dtype != ScalarType.Int64) throw new ArgumentException($"labels from '{source}' must be int64, got {labels.dtype}");
        Images = images;
        Labels = labels;
        ClassNames = classNames;
        Source = source;
    }

    public Tensor Images { get; }
    public Tensor Labels { get; }
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Where the images came from (a path, or "embedded slice"): printed in errors and reports.</summary>
    public string Source { get; }

    public int Count => (int)Images.shape[0];
    public int Channels => (int)Images.shape[1];
    public int Height => (int)Images.shape[2];
    public int Width => (int)Images.shape[3];

    /// <summary>A copy holding only the given rows, in the given order.</summary>
    public LabeledImages Select(IReadOnlyList<long> indices, string? source = null)
    {
        using var index = tensor(indices.ToArray(), ScalarType.Int64);
        return new LabeledImages(Images.index_select(0, index), Labels.index_select(0, index), ClassNames, source ?? Source);
    }

    /// <summary>The first <paramref name="count"/> rows (a copy).</summary>
    public LabeledImages Take(int count) =>
        Select(Enumerable.Range(0, Math.Min(count, Count)).Select(i => (long)i).ToArray());

    /// <summary>
    /// The whole set on <paramref name="device"/> (the caller owns the result), so that training batches are drawn
    /// and augmented where the model is, not copied over one by one. On this set's own device the two share storage.
    /// </summary>
    public LabeledImages To(Device device) => new(Images.to(device), Labels.to(device), ClassNames, Source);

    public long[] LabelArray() => Labels.data<long>().ToArray();

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
