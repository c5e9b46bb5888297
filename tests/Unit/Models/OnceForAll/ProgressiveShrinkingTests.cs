using Repro.Models.OnceForAll;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models.OnceForAll;

public class ProgressiveShrinkingTests
{
    [Test]
    public void Phases_FollowOnceForAllsOrderAndLearningRateRatios()
    {
        var phases = ProgressiveShrinkingSchedule.Paper.Phases();
        phases.Select(p => p.Name).Should().Equal("largest", "elastic kernel", "elastic depth 1", "elastic depth 2", "elastic width 1", "elastic width 2");
        phases.Select(p => p.Epochs).Should().Equal(180, 120, 25, 125, 25, 125);
        phases.Select(p => p.LearningRate).Should().Equal(new[] { 2.6, 0.96, 0.08, 0.24, 0.08, 0.24 }, (a, b) => Math.Abs(a - b) < 1e-12);
        phases.Select(p => p.SubnetsPerStep).Should().Equal(1, 1, 2, 2, 4, 4);
        phases[3].Depths.Should().Equal(2, 3, 4);
        phases[5].ExpandRatios.Should().Equal(3, 4, 6);
        phases.Select(p => p.SortStage).Should().Equal(0, 0, 0, 0, 1, 2);
    }

    [Test]
    public void Run_TinySupernetOnRandomData_LossFallsAndNothingLeaks()
    {
        torch.manual_seed(5);
        using var supernet = (OfaSupernet)TestModels.TinyOfa.Create(TestModels.Small(16), 4);
        using var images = TestModels.Pixels(16, supernet.Input, seed: 9);
        using var labels = randint(0, 4, new long[] { 16 }, generator: new Generator(9));
        // One batch per epoch, the same batch each time: two steps on it must lower its loss.
        IEnumerable<(Tensor, Tensor)> Batches(int epoch) { yield return (images, labels); }
        var schedule = new ProgressiveShrinkingSchedule(LargestEpochs: 2, KernelEpochs: 1, DepthEpochs: 1, ExpandEpochs: 1, LearningRate: 0.05, Seed: 3);
        AllocateGradients(supernet, images);
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (supernet.Extract(OfaSubnetConfig.Largest)) { }
        // TorchSharp keeps a handle per biased convolution it initialises (the teacher copy's SE layers): the whole allowance.
        long teacherHandles = DisposeScopeManager.Statistics.ThreadTotalLiveCount - live;
        live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var losses = ProgressiveShrinking.Run(supernet, Batches, schedule);

        losses.Select(l => l.Phase).Should().Equal("largest", "largest", "elastic kernel", "elastic depth 2", "elastic width 2");
        losses.Should().OnlyContain(l => double.IsFinite(l.MeanLoss));
        losses[1].MeanLoss.Should().BeLessThan(losses[0].MeanLoss, "a step on a batch lowers its loss");
        supernet.Active.Should().Be(OfaSubnetConfig.Largest);
        (DisposeScopeManager.Statistics.ThreadTotalLiveCount - live).Should().BeLessThanOrEqualTo(teacherHandles,
            "every step runs in a dispose scope; the teacher and the optimizer are disposed");
    }

    // Kernel 3 at full depth and width reaches every parameter (the 7x7 weights through both transform matrices).
    static void AllocateGradients(OfaSupernet supernet, Tensor images)
    {
        supernet.SetActive(new OfaSubnetConfig(4, 6, 3));
        using (var scope = NewDisposeScope()) supernet.forward(images).sum().backward();
        supernet.SetActive(OfaSubnetConfig.Largest);
        foreach (var p in supernet.parameters()) p.grad!.zero_();
    }
}
