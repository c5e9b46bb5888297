using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Data;

/// <summary>
/// Shuffled mini-batches of a <see cref="LabeledImages"/>, driven by one seed: epoch e always visits the rows
/// in the same order (a permutation drawn from the SplitMix64 stream (seed, e)), so a resumed or repeated run
/// sees exactly the batches of the original, independent of what ran before.
/// </summary>
/// <remarks>
/// Ownership: every yielded tensor is new (a copy, never a view of the data set) and belongs to the caller, who
/// disposes both of each pair when the step is done, as the Trainer does. They are created while the
/// enumerator runs, so a dispose scope open around the whole foreach also collects them; disposing twice is
/// harmless. <see cref="Epoch"/> matches Repro.Training's TrainingBatches delegate:
/// <c>TrainingBatches batches = seededBatches.Epoch;</c>.
/// </remarks>
public sealed class SeededBatches
{
    private const long StreamTag = 0x4241_5443_48; // "BATCH": keeps these draws apart from other users of the seed

    private readonly LabeledImages _data;

    /// <param name="data">Not owned: the caller keeps it alive while batches are drawn, and disposes it.</param>
    /// <param name="dropLast">Drop a final batch smaller than <paramref name="batchSize"/> (as PyTorch's DataLoader).</param>
    /// <param name="augmentation">Applied to each batch's images, seeded by (epoch, batch index).</param>
    /// <param name="device">Where each batch is copied after it is drawn and augmented where the data set lives (null: no copy).
    /// A data set already on the model's device (<see cref="LabeledImages.To"/>) needs none: then every gather runs there.</param>
    /// <param name="channelsLast">Yield images in the channels-last layout (<see cref="Data.ChannelsLast"/>): same values, NHWC strides.</param>
    public SeededBatches(LabeledImages data, int batchSize, int seed, bool dropLast = false, Augmentation? augmentation = null, Device? device = null,
        bool channelsLast = false)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        _data = data;
        BatchSize = batchSize;
        Seed = seed;
        DropLast = dropLast;
        Augmentation = augmentation;
        Device = device;
        ChannelsLast = channelsLast;
    }

    public int BatchSize { get; }
    public int Seed { get; }
    public bool DropLast { get; }
    public Augmentation? Augmentation { get; }
    public Device? Device { get; }
    public bool ChannelsLast { get; }

    /// <summary>Batches in one epoch: the Trainer's steps per epoch.</summary>
    public int BatchesPerEpoch => DropLast ? _data.Count / BatchSize : (_data.Count + BatchSize - 1) / BatchSize;

    /// <summary>The permutation of row indices that epoch <paramref name="epoch"/> visits.</summary>
    public long[] Order(int epoch)
    {
        var order = new long[_data.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        SplitMix64.ForStream(Seed, StreamTag, epoch).Shuffle(order);
        return order;
    }

    /// <summary>The batches of one epoch: images [B, C, H, W] in [0, 1] (augmented when configured) and labels [B];
    /// the caller owns and disposes both tensors of each pair.</summary>
    public IEnumerable<(Tensor Images, Tensor Labels)> Epoch(int epoch)
    {
        long[] order = Order(epoch);
        for (int b = 0; b < BatchesPerEpoch; b++)
            yield return MakeBatch(order, epoch, b);
    }

    private (Tensor Images, Tensor Labels) MakeBatch(long[] order, int epoch, int batch)
    {
        int start = batch * BatchSize;
        int count = Math.Min(BatchSize, order.Length - start);
        // A scope per batch frees the index and the pre-augmentation copy; only the two results leave it.
        using var scope = NewDisposeScope();
        Tensor index = torch.tensor(order.AsSpan(start, count).ToArray(), device: _data.Images.device);
        Tensor images = _data.Images.index_select(0, index);
        Tensor labels = _data.Labels.index_select(0, index);
        if (Augmentation is not null) images = Augmentation.Apply(images, epoch, batch);
        if (Device is not null)
        {
            images = images.to(Device);
            labels = labels.to(Device);
        }
        if (ChannelsLast) images = Data.ChannelsLast.Copy(images);
        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
