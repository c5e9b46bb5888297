using Repro.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Data;

public class SeededBatchesTests
{
    /// <summary>N images of 3x4x4 whose every pixel and whose label equal the row number, so a batch shows which rows it holds.</summary>
    private static LabeledImages Rows(int n)
    {
        Tensor images = arange(n, dtype: ScalarType.Float32).view(n, 1, 1, 1).expand(n, 3, 4, 4).contiguous();
        return new LabeledImages(images, arange(n, dtype: ScalarType.Int64), ["a"], "rows");
    }

    private static List<long> LabelsOf(SeededBatches batches, int epoch)
    {
        var all = new List<long>();
        foreach (var (images, labels) in batches.Epoch(epoch))
        {
            using (images)
            using (labels)
                all.AddRange(labels.data<long>().ToArray());
        }
        return all;
    }

    [Test]
    public void Epoch_SameSeedAndEpoch_SameOrder()
    {
        using var data = Rows(50);

        LabelsOf(new SeededBatches(data, 8, seed: 3), epoch: 2).Should().Equal(LabelsOf(new SeededBatches(data, 8, seed: 3), epoch: 2));
    }

    [Test]
    public void Epoch_OtherEpochOrSeed_OtherOrder()
    {
        using var data = Rows(50);
        var batches = new SeededBatches(data, 8, seed: 3);

        LabelsOf(batches, 0).Should().NotEqual(LabelsOf(batches, 1));
        LabelsOf(batches, 0).Should().NotEqual(LabelsOf(new SeededBatches(data, 8, seed: 4), 0));
    }

    [Test]
    public void Epoch_VisitsEveryRowOnceWithImagesMatchingLabels()
    {
        using var data = Rows(50);
        var batches = new SeededBatches(data, 8, seed: 1);

        var sizes = new List<long>();
        foreach (var (images, labels) in batches.Epoch(0))
        {
            using (images)
            using (labels)
            {
                sizes.Add(labels.shape[0]);
                images[.., 0, 0, 0].data<float>().ToArray().Should().Equal(labels.data<long>().ToArray().Select(l => (float)l));
            }
        }

        sizes.Should().Equal(8, 8, 8, 8, 8, 8, 2);
        batches.BatchesPerEpoch.Should().Be(7);
        LabelsOf(batches, 0).Should().Equal(batches.Order(0));
        batches.Order(0).Order().Should().Equal(Enumerable.Range(0, 50).Select(i => (long)i));
    }

    [Test]
    public void Epoch_DropLast_SkipsTheShortFinalBatch()
    {
        using var data = Rows(50);
        var batches = new SeededBatches(data, 8, seed: 1, dropLast: true);

        batches.BatchesPerEpoch.Should().Be(6);
        LabelsOf(batches, 0).Should().HaveCount(48);
    }

    [Test]
    public void Epoch_DisposingBatches_LeavesTheDataSetIntact()
    {
        using var data = Rows(10);

        LabelsOf(new SeededBatches(data, 4, seed: 1), 0);

        data.Images.sum().item<float>().Should().Be(48 * 45f, "batches are copies; the data set's tensors are untouched");
    }

    [Test]
    public void Epoch_FitsTheTrainersBatchDelegate()
    {
        using var data = Rows(10);

        Repro.Training.TrainingBatches batches = new SeededBatches(data, 4, seed: 1).Epoch;

        batches(0).Should().HaveCount(3);
    }

    [Test]
    public void Epoch_WithAugmentation_IsStillDeterministic()
    {
        using var data = Rows(12);
        var augmented = new SeededBatches(data, 5, seed: 1, augmentation: new Augmentation(seed: 9));

        float[] Pixels()
        {
            var all = new List<float>();
            foreach (var (images, labels) in augmented.Epoch(0))
            {
                using (images)
                using (labels)
                    all.AddRange(images.data<float>().ToArray());
            }
            return [.. all];
        }

        Pixels().Should().Equal(Pixels());
    }

    /// <summary>Random pixels, so that a crop offset or a flip shows in the bytes.</summary>
    private static LabeledImages Noise(int n) =>
        new(rand(n, 3, 8, 8, generator: new Generator(5)), arange(n, dtype: ScalarType.Int64), ["a"], "noise");

    /// <summary>Every batch of two epochs as bytes on the CPU (images, then labels).</summary>
    private static List<byte[]> Bytes(SeededBatches batches)
    {
        var all = new List<byte[]>();
        foreach (int epoch in new[] { 0, 2 })
            foreach (var (images, labels) in batches.Epoch(epoch))
            {
                using (images)
                using (labels)
                using (var i = images.cpu().contiguous())
                using (var l = labels.cpu())
                {
                    all.Add(i.bytes.ToArray());
                    all.Add(l.bytes.ToArray());
                }
            }
        return all;
    }

    private static void ResidentMatchesCopied(Device device)
    {
        using var data = Noise(23);
        using var resident = data.To(device);

        var copied = Bytes(new SeededBatches(data, 5, seed: 3, augmentation: new Augmentation(seed: 4), device: device));
        var drawnThere = Bytes(new SeededBatches(resident, 5, seed: 3, augmentation: new Augmentation(seed: 4)));
        var onCpu = Bytes(new SeededBatches(data, 5, seed: 3, augmentation: new Augmentation(seed: 4)));

        drawnThere.Should().HaveCount(copied.Count);
        for (int i = 0; i < copied.Count; i++)
        {
            drawnThere[i].Should().Equal(copied[i], $"batch part {i}: gathered and augmented on {device.type} or on the CPU then copied");
            onCpu[i].Should().Equal(copied[i], $"batch part {i}: the device copy changes no bit");
        }
    }

    [Test]
    public void Epoch_DataResidentOnTheDevice_SameBitsAsBatchesCopiedToIt_Cpu() => ResidentMatchesCopied(CPU);

    [Test, Category("Gpu")]
    public void Epoch_DataResidentOnTheDevice_SameBitsAsBatchesCopiedToIt_Cuda()
    {
        if (!cuda.is_available()) Assert.Ignore("needs CUDA (build with -p:TorchBackend=cuda on a GPU runner); this machine has none");
        ResidentMatchesCopied(CUDA);
    }

    [Test]
    public void Epoch_ChannelsLast_SameValuesInNhwcStrides()
    {
        using var data = Noise(12);
        var plain = new SeededBatches(data, 5, seed: 1, augmentation: new Augmentation(seed: 2));
        var channelsLast = new SeededBatches(data, 5, seed: 1, augmentation: new Augmentation(seed: 2), channelsLast: true);

        foreach (var ((a, la), (b, lb)) in plain.Epoch(1).Zip(channelsLast.Epoch(1)))
        {
            using (a) using (la) using (b) using (lb)
            {
                ChannelsLast.Is(b).Should().BeTrue();
                ChannelsLast.Is(a).Should().BeFalse();
                b.data<float>().ToArray().Should().Equal(a.data<float>().ToArray());
                lb.data<long>().ToArray().Should().Equal(la.data<long>().ToArray());
            }
        }
    }
}
