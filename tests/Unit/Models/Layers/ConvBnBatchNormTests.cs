using Repro.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models.Layers;

/// <summary>ConvBn's batch norm step (its count increment's scalar held) is TorchSharp's BatchNorm2d bit for bit.</summary>
public class ConvBnBatchNormTests
{
    [Test]
    public void TrainingSteps_GiveBatchNorm2dsOutputsRunningStatisticsAndCountBitForBit()
    {
        torch.manual_seed(11);
        using var layer = new ConvBn(3, 8, 3, activation: ActivationFunction.None);
        using var conv = nn.Conv2d(3, 8, 3, padding: 1, bias: false);
        using var norm = nn.BatchNorm2d(8);
        using (no_grad())
        {
            conv.weight!.copy_(layer.Conv.weight!);
            norm.weight!.copy_(torch.rand(8, generator: new Generator(2)));
            layer.Norm!.weight!.copy_(norm.weight!);
        }
        layer.train();
        conv.train();
        norm.train();

        for (int step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            var x = torch.rand(4, 3, 8, 8, generator: new Generator((ulong)step));
            var ours = layer.forward(x);
            var reference = norm.forward(conv.forward(x));
            ours.eq(reference).all().item<bool>().Should().BeTrue($"step {step}: the outputs must be bit-identical");
        }
        layer.Norm!.running_mean!.eq(norm.running_mean!).all().item<bool>().Should().BeTrue();
        layer.Norm!.running_var!.eq(norm.running_var!).all().item<bool>().Should().BeTrue();
        layer.Norm!.num_batches_tracked!.item<long>().Should().Be(3);
        norm.num_batches_tracked!.item<long>().Should().Be(3);
    }
}
