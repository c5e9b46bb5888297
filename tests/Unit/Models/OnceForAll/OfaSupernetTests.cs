using Repro.Models;
using Repro.Models.OnceForAll;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models.OnceForAll;

public class OfaSupernetTests
{
    static OfaSupernet Tiny()
    {
        torch.manual_seed(11);
        var supernet = (OfaSupernet)TestModels.TinyOfa.Create(TestModels.Small(16), 5);
        TestModels.RandomizeBatchNorm(supernet);
        // Kernel-transform matrices away from the identity, so that the transformed kernels are really exercised.
        using (no_grad())
            foreach (var (name, p) in supernet.named_parameters())
                if (name.EndsWith("_matrix", StringComparison.Ordinal)) p.add_(randn(p.shape) * 0.05);
        supernet.eval();
        return supernet;
    }

    static IEnumerable<OfaSubnetConfig> Configs() => new[]
    {
        OfaSubnetConfig.Largest, new OfaSubnetConfig(4, 6, 3), new OfaSubnetConfig(4, 3, 3), new OfaSubnetConfig(2, 6, 7),
        new OfaSubnetConfig(2, 6, 3), new OfaSubnetConfig(2, 3, 7), OfaSubnetConfig.Smallest, new OfaSubnetConfig(3, 4, 5),
    };

    [TestCaseSource(nameof(Configs))]
    public void Extract_EvalMode_EqualsTheSupernetWithThatConfigActive(OfaSubnetConfig config)
    {
        using var supernet = Tiny();
        using var x = TestModels.Pixels(4, supernet.Input);
        supernet.SetActive(config);
        using var expected = supernet.forward(x);

        using var subnet = supernet.Extract(config);
        subnet.eval();
        using var actual = subnet.forward(x);

        TestModels.MaxAbsDifference(expected, actual).Should().BeLessThan(1e-5);
        subnet.Architecture.DisplayName.Should().Be($"OFA {config}");
    }

    [Test]
    public void Extract_SmallerConfigs_ComputeDifferentFunctions()
    {
        using var supernet = Tiny();
        using var x = TestModels.Pixels(4, supernet.Input);
        var outputs = Configs().Select(c => { supernet.SetActive(c); return supernet.forward(x); }).ToList();
        for (int i = 1; i < outputs.Count; i++)
            TestModels.MaxAbsDifference(outputs[0], outputs[i]).Should().BeGreaterThan(1e-4, $"{Configs().ElementAt(i)} differs from the largest");
        outputs.ForEach(o => o.Dispose());
    }

    [Test]
    public void Extract_Largest_IsTheFullSupernet()
    {
        using var supernet = Tiny();
        using var x = TestModels.Pixels(4, supernet.Input);
        using var full = supernet.forward(x);   // a fresh supernet runs its largest configuration
        using var largest = supernet.Extract(OfaSubnetConfig.Largest);
        largest.eval();
        using var extracted = largest.forward(x);

        TestModels.MaxAbsDifference(full, extracted).Should().Be(0);
        long matrices = supernet.named_parameters().Where(p => p.name.EndsWith("_matrix", StringComparison.Ordinal)).Sum(p => p.parameter.numel());
        largest.ParameterCount().Should().Be(supernet.ParameterCount() - matrices, "only the kernel-transform matrices stay behind");
    }

    [Test]
    public void ParameterCount_MonotoneInDepthExpandAndKernel()
    {
        using var supernet = Tiny();
        long Count(int d, int e, int k) { using var s = supernet.Extract(new OfaSubnetConfig(d, e, k)); return s.ParameterCount(); }
        foreach (var c in OfaSubnetConfig.All())
        {
            long here = Count(c.Depth, c.ExpandRatio, c.KernelSize);
            if (c.Depth < 4) Count(c.Depth + 1, c.ExpandRatio, c.KernelSize).Should().BeGreaterThan(here);
            if (c.ExpandRatio < 6) Count(c.Depth, c.ExpandRatio == 3 ? 4 : 6, c.KernelSize).Should().BeGreaterThan(here);
            if (c.KernelSize < 7) Count(c.Depth, c.ExpandRatio, c.KernelSize + 2).Should().BeGreaterThan(here);
        }
    }

    [Test]
    public void SortChannels_KeepsTheFullNetworksFunction_AndOrdersByImportance()
    {
        using var supernet = Tiny();
        using var x = TestModels.Pixels(4, supernet.Input);
        using var before = supernet.forward(x);

        supernet.SortChannels();

        using var after = supernet.forward(x);
        TestModels.MaxAbsDifference(before, after).Should().BeLessThan(1e-5);
        var block = supernet.Blocks[1];
        using var importance = block.PointLinear.Conv.weight!.abs().sum(new long[] { 0, 2, 3 });
        var values = importance.data<float>().ToArray();
        values.Should().BeInDescendingOrder();
    }

    [Test]
    public void ImageNetSupernet_MatchesOnceForAllMobileNetV3W1()
    {
        using var supernet = (OfaSupernet)OfaSpec.ImageNet.Create(InputShape.ImageNet, 1000);
        var ours = supernet.state_dict();
        var names = PyTorchStateDict.KeyMap(supernet).ToDictionary(kv => kv.Value, kv => ours[kv.Key].shape);

        supernet.Blocks.Should().HaveCount(21, "the fixed first block and 5 units of 4");
        supernet.FeatureDimension.Should().Be(1280);
        // Names and shapes of once-for-all's OFAMobileNetV3(ks 3-7, e 3-6, d 2-4, width 1.0).
        names["first_conv.conv.weight"].Should().Equal(16, 3, 3, 3);
        names["blocks.0.conv.depth_conv.conv.weight"].Should().Equal(16, 1, 3, 3);
        names["blocks.1.conv.inverted_bottleneck.conv.conv.weight"].Should().Equal(96, 16, 1, 1);
        names["blocks.1.conv.depth_conv.conv.conv.weight"].Should().Equal(96, 1, 7, 7);
        names["blocks.1.conv.depth_conv.conv.7to5_matrix"].Should().Equal(25, 25);
        names["blocks.1.conv.depth_conv.conv.5to3_matrix"].Should().Equal(9, 9);
        names["blocks.5.conv.depth_conv.se.fc.reduce.weight"].Should().Equal(40, 144, 1, 1);
        names["blocks.5.conv.depth_conv.se.fc.expand.bias"].Should().Equal(144);
        names["blocks.20.conv.point_linear.bn.bn.num_batches_tracked"].Should().BeEmpty();
        names["final_expand_layer.conv.weight"].Should().Equal(960, 160, 1, 1);
        names["feature_mix_layer.conv.weight"].Should().Equal(1280, 960, 1, 1);
        names["classifier.linear.weight"].Should().Equal(1000, 1280);
        names.Keys.Should().NotContain(k => k.StartsWith("feature_mix_layer.bn", StringComparison.Ordinal));
    }

    [Test]
    public void Load_OlderCheckpointNames_AreNormalized()
    {
        using var source = Tiny();
        var checkpoint = PyTorchStateDict.Export(source).ToDictionary(
            kv => kv.Key.Replace("blocks.3.conv.", "blocks.3.mobile_inverted_conv.", StringComparison.Ordinal), kv => kv.Value);
        using var target = (OfaSupernet)TestModels.TinyOfa.Create(TestModels.Small(16), 5);
        PyTorchStateDict.Load(target, checkpoint);
        target.eval();
        using var x = TestModels.Pixels(2, target.Input);
        TestModels.MaxAbsDifference(source.forward(x), target.forward(x)).Should().Be(0);
    }

    [Test]
    public void Int8_AtASmallerConfig_RefusesAndPointsToExtraction()
    {
        using var supernet = Tiny();
        using var x = TestModels.Pixels(4, supernet.Input);
        TestModels.Quantize(supernet, x);
        supernet.SetActive(new OfaSubnetConfig(2, 3, 3));
        var act = () => supernet.forward(x);
        act.Should().Throw<InvalidOperationException>().WithMessage("*extract*");
    }

    [Test]
    public void BatchNormRecalibration_OnExtractedSubnet_SetsStatisticsToItsOwnActivations()
    {
        using var supernet = Tiny();
        using var subnet = supernet.Extract(OfaSubnetConfig.Smallest);
        using var x = TestModels.Pixels(8, supernet.Input);

        BatchNormRecalibration.Run(subnet, new[] { x });

        // The first batch norm now holds the mean of its convolution's output over the batch.
        using var normalized = new InputNormalization(subnet.Input.Mean, subnet.Input.Std).forward(x);
        using var convolved = subnet.FirstConv.Conv.forward(normalized);
        using var batchMean = convolved.mean(new long[] { 0, 2, 3 });
        TestModels.MaxAbsDifference(subnet.FirstConv.Norm!.running_mean!, batchMean).Should().BeLessThan(1e-5);
        subnet.training.Should().BeFalse("recalibration restores the mode it found");
    }

    [Test]
    public void Head_Training_DrawsDropoutMasksFromTheNetworksOwnSeededStream()
    {
        using var supernet = Tiny();
        using var x = TestModels.Pixels(8, supernet.Input);
        using var features = supernet.Features(x).detach();
        supernet.train();

        supernet.SeedDropout(3);
        torch.manual_seed(1);
        using var first = supernet.Head(features);
        supernet.SeedDropout(3);
        torch.manual_seed(2);
        using (rand(1000)) { }   // another worker drawing from the global generator meanwhile
        using var again = supernet.Head(features);
        supernet.SeedDropout(4);
        using var otherSeed = supernet.Head(features);
        supernet.eval();
        using var evaluation = supernet.Head(features);

        TestModels.MaxAbsDifference(first, again).Should().Be(0, "the masks depend only on the network's dropout seed");
        TestModels.MaxAbsDifference(first, otherSeed).Should().BeGreaterThan(0, "another seed draws other masks");
        TestModels.MaxAbsDifference(first, evaluation).Should().BeGreaterThan(0, "training mode drops features; evaluation keeps them all");
    }
}
