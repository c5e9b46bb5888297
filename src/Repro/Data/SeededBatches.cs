using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Data;

/// <summary>
/// Shuffled mini-batches of a <see cref="LabeledImages"/>, driven by one seed: epoch e always visits the rows
/// in the same order (a permutation drawn from the SplitMix64 stream (seed, e)), so a resumed or repeated run
/// sees exactly the batches of the original, independent of what ran before.
/// </summary>
public sealed class SeededBatches
{
    private const long StreamTag = 0x4241_5443_48; // "BATCH": keeps these draws apart from other users of the seed

    private readonly LabeledImages _data;

    /// <param name="data">Not owned: the caller keeps it alive while batches are drawn, and disposes it.</param>
    /// <param name="dropLast">Drop a final batch smaller than <paramref name="batchSize"/> (as PyTorch's DataLoader).</param>
    /// <param name="augmentation">Applied to each batch's images, seeded by (epoch, batch index).</param>
    public SeededBatches(LabeledImages data, int batchSize, int seed, bool dropLast = false, Augmentation? augmentation = null)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        _data = data;
        BatchSize = batchSize;
        Seed = seed;
        DropLast = dropLast;
        Augmentation = augmentation;
    }

    public int BatchSize { get; }
    public int Seed { get; }
    public bool DropLast { get; }
    public Augmentation? Augmentation { get; }

    public int BatchesPerEpoch => DropLast ? _data.Count / BatchSize : (_data.Count + BatchSize - 1) / BatchSize;

    /// <summary>The permutation of row indices that epoch <paramref name="epoch"/> visits.</summary>
    public long[] Order(int epoch)
    {
        var order = new long[_data.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        SplitMix64.ForStream(Seed, StreamTag, epoch).Shuffle(order);
        return order;
    }

    /// <summary>The batches of one epoch, each a <see cref="TrainingBatch"/> the caller owns and disposes.</summary>
    /// <param name="device">Where to put each batch (null: where the data set lives).</param>
    public IEnumerable<TrainingBatch> Epoch(int epoch, Device? device = null)
    {
        long[] order = Order(epoch);
        for (int b = 0; b < BatchesPerEpoch; b++)
            yield return MakeBatch(order, epoch, b, device);
    }

    private TrainingBatch MakeBatch(long[] order, int epoch, int batch, Device? device)
    {
        int start = batch * BatchSize;
        int count = Math.Min(BatchSize, order.Length - start);
        // A scope per batch frees the index and the pre-augmentation copy; only the two results leave it.
        using var scope = NewDisposeScope();
        Tensor index = torch.tensor(order.AsSpan(start, count).ToArray(), device: _data.Images.device);
        Tensor images = _data.Images.index_select(0, index);
        Tensor labels = _data.Labels.index_select(0, index);
        if (Augmentation is not null) images = Augmentation.Apply(images, epoch, batch);
        if (device is not null)
        {
            images = images.to(device);
            labels = labels.to(device);
        }
        return new TrainingBatch(images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), batch);
    }
}
